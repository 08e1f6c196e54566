// Checks every row of a territory import against the file and the database, in level order
// (a town before its villages), so a parent may sit anywhere in the file. Nothing is written
// here: the result says, row by row, what to create, rename or move, and what is rejected.
import { CHILD_LEVEL, REGION_LEVELS, type RegionLevel } from '../../../shared/regions.ts';
import { toHalfWidth } from '../../../shared/normalise.ts';
import type { Db } from '../../db/schema.ts';
import { toBool } from '../../db/dialect.ts';
import { inSubtree } from '../../platform/access.ts';
import type { RegionRow } from './regions.tables.ts';

export interface ImportRow {
  row: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}
export interface Rejection {
  row: number;
  column: string;
  message: string;
}
export interface PlannedOp {
  kind: 'create' | 'rename' | 'move' | 'same';
  row: ImportRow;
  existing: RegionRow | null;
}
export type ColumnLabels = Record<'code' | 'name' | 'level' | 'parent', string>;

const LEVEL_WORDS: Record<string, RegionLevel> = {
  county: 'county', 县: 'county',
  town: 'town', street: 'town', 镇: 'town', 乡: 'town', 街道: 'town', 乡镇: 'town', 镇街: 'town',
  village: 'village', community: 'village', 村: 'village', 社区: 'village',
  grid: 'grid', 网格: 'grid',
  microgrid: 'microgrid', 'micro-grid': 'microgrid', micro_grid: 'microgrid', 微网格: 'microgrid',
};
export const levelFromText = (text: string): RegionLevel | null => LEVEL_WORDS[toHalfWidth(text).trim().toLowerCase()] ?? null;

const rank = (level: RegionLevel) => REGION_LEVELS.indexOf(level);
const parentLevelOf = (level: RegionLevel) => REGION_LEVELS.find((l) => CHILD_LEVEL[l] === level) ?? null;

async function existingByCode(db: Db, codes: string[]): Promise<Map<string, RegionRow>> {
  const out = new Map<string, RegionRow>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db.selectFrom('regions').selectAll().where('code', 'in', codes.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.code, r);
  }
  return out;
}

interface Known {
  level: RegionLevel;
  /** The path of the region, or for a region still to be created, of its nearest existing ancestor. */
  anchorPath: string;
  id: number | null;
  active: boolean;
  row: number | null;
}

/**
 * `rows` passed the per-cell checks; `badRows` maps the codes of rows that did not to their row
 * number (their children are rejected as such); `actorPath` is the importer's region.
 */
export async function planImport(db: Db, rows: ImportRow[], badRows: Map<string, number>, actorPath: string, labels: ColumnLabels) {
  const rejected: Rejection[] = [];
  const ops: PlannedOp[] = [];
  const inFile = new Map<string, ImportRow>();
  const unique: ImportRow[] = [];
  for (const r of rows) {
    const first = inFile.get(r.code);
    const bad = badRows.get(r.code);
    if (bad !== undefined) rejected.push({ row: r.row, column: labels.code, message: `code ${r.code} already appears in row ${bad}` });
    else if (first) rejected.push({ row: r.row, column: labels.code, message: `code ${r.code} already appears in row ${first.row}` });
    else inFile.set(r.code, r), unique.push(r);
  }
  const wanted = [...new Set(unique.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code])))];
  const inDb = await existingByCode(db, wanted);
  const known = new Map<string, Known>();
  const failedRow = new Map(badRows);
  for (const [code, r] of inDb) known.set(code, { level: r.level, anchorPath: r.path, id: r.id, active: toBool(r.active), row: null });

  unique.sort((a, b) => rank(a.level) - rank(b.level) || a.row - b.row);
  for (const r of unique) {
    const reject = (column: string, message: string) => {
      rejected.push({ row: r.row, column, message });
      failedRow.set(r.code, r.row);
    };
    const existing = inDb.get(r.code) ?? null;
    if (existing && existing.level !== r.level) {
      reject(labels.level, `region ${r.code} exists as a ${existing.level}, not a ${r.level}`);
      continue;
    }
    if (existing && !inSubtree(actorPath, existing.path)) {
      reject(labels.code, `region ${r.code} is outside the region of your account`);
      continue;
    }
    if (r.level === 'county') {
      if (!existing) reject(labels.level, 'a county cannot be created by an import: counties are set up by the administrator');
      else if (r.parentCode) reject(labels.parent, 'a county has no parent: leave it empty');
      else ops.push({ kind: existing.name === r.name ? 'same' : 'rename', row: r, existing });
      continue;
    }
    const expected = parentLevelOf(r.level);
    if (!r.parentCode) {
      reject(labels.parent, `is empty: a ${r.level} needs the code of its ${expected}`);
      continue;
    }
    const failedParent = failedRow.get(r.parentCode);
    if (failedParent !== undefined) {
      reject(labels.parent, `the parent ${r.parentCode} (row ${failedParent}) was rejected`);
      continue;
    }
    const fileParent = inFile.get(r.parentCode);
    const parent = known.get(r.parentCode) ?? (fileParent ? { level: fileParent.level, anchorPath: '', id: null, active: true, row: fileParent.row } : null);
    if (!parent) {
      reject(labels.parent, `no region with code ${r.parentCode} in the database or in this file`);
      continue;
    }
    if (parent.level !== expected) {
      reject(labels.parent, `a ${r.level} must sit under a ${expected}, but ${r.parentCode} is a ${parent.level}`);
      continue;
    }
    if (!inSubtree(actorPath, parent.anchorPath)) {
      reject(labels.parent, `the parent ${r.parentCode} is outside the region of your account`);
      continue;
    }
    if (!parent.active) {
      reject(labels.parent, `the parent ${r.parentCode} is deactivated`);
      continue;
    }
    let kind: PlannedOp['kind'] = 'create';
    if (existing) {
      const moving = parent.id === null || parent.id !== existing.parent_id;
      if (moving && existing.path === actorPath) {
        reject(labels.parent, 'the region your account is bound to cannot be moved');
        continue;
      }
      if (moving && inSubtree(existing.path, parent.anchorPath)) {
        reject(labels.parent, 'a region cannot move under its own subtree');
        continue;
      }
      kind = moving ? 'move' : existing.name === r.name ? 'same' : 'rename';
    }
    known.set(r.code, { level: r.level, anchorPath: existing?.path ?? parent.anchorPath, id: existing?.id ?? null, active: true, row: r.row });
    ops.push({ kind, row: r, existing });
  }
  rejected.sort((a, b) => a.row - b.row);
  return { ops, rejected };
}
