// Region boundaries for the dashboard's map: set or remove one region's outline, import a
// FeatureCollection of a region's children (matched by code, else by name; all or nothing), and
// the map of a region: its children's outlines as one FeatureCollection with its own outline.
import { createHash } from 'node:crypto';
import type { ErrorDetail } from '../../../shared/errors.ts';
import { BOUNDARY_LIMITS, type BoundaryImportResult, type RegionMap } from '../../../shared/stats.ts';
import type { Db } from '../../db/schema.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { childRegions } from '../stats/grids.ts';
import { type Boundary, boundaryProblems, parseBoundary, positionCount } from './geojson.ts';
import { regionFields } from '../regions/regions.queries.ts';

async function upsertBoundary(tx: Db, regionId: number, boundary: Boundary, userId: string | null): Promise<void> {
  const row = { region_id: regionId, geometry: JSON.stringify(boundary), updated_by: userId, updated_at: nowIso() };
  await tx
    .insertInto('region_boundaries')
    .values(row)
    .onConflict((oc) => oc.column('region_id').doUpdateSet({ geometry: row.geometry, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}

export async function setBoundary(tx: Db, ctx: AuditContext, regionId: number, input: unknown): Promise<{ regionId: number; type: string; positions: number }> {
  const boundary = parseBoundary(input);
  await upsertBoundary(tx, regionId, boundary, ctx.userId);
  const positions = positionCount(boundary);
  await audit(tx, ctx, { action: 'region.boundary.set', entity: 'region', entityId: regionId, regionId, details: { type: boundary.type } });
  return { regionId, type: boundary.type, positions };
}

export async function deleteBoundary(tx: Db, ctx: AuditContext, regionId: number): Promise<{ regionId: number; deleted: boolean }> {
  const result = await tx.deleteFrom('region_boundaries').where('region_id', '=', regionId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('boundary');
  await audit(tx, ctx, { action: 'region.boundary.delete', entity: 'region', entityId: regionId, regionId });
  return { regionId, deleted: true };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Names compare without spaces; codes as digits only (a spreadsheet may have made them numbers). */
const nameKey = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, '') : '');
const codeKey = (s: unknown) => (typeof s === 'string' || typeof s === 'number' ? String(s).trim() : '');

/**
 * Saves the boundaries of `parentId`'s children from a FeatureCollection. Each feature names its
 * region by `properties.code` (preferred) or `properties.name`; any feature that matches no
 * child, matches one already matched, or has a bad geometry refuses the whole file.
 */
export async function importBoundaries(tx: Db, ctx: AuditContext, parentId: number, input: unknown): Promise<BoundaryImportResult> {
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    throw new AppError('VALIDATION_ERROR', 'type: send a GeoJSON FeatureCollection with a features array', [{ path: 'type', message: 'must be FeatureCollection' }]);
  }
  const features = input.features as unknown[];
  if (features.length === 0) throw new AppError('VALIDATION_ERROR', 'features: the collection is empty', [{ path: 'features', message: 'empty' }]);
  if (features.length > BOUNDARY_LIMITS.features) {
    throw new AppError('PAYLOAD_TOO_LARGE', `features: at most ${BOUNDARY_LIMITS.features} features in one import`, [{ path: 'features', message: 'too many features' }]);
  }
  const children = await childRegions(tx, parentId);
  const byCode = new Map(children.map((c) => [c.code, c]));
  const byName = new Map(children.map((c) => [nameKey(c.name), c]));
  const problems: ErrorDetail[] = [];
  const matched: (BoundaryImportResult['features'][number] & { boundary: Boundary })[] = [];
  const taken = new Map<number, number>();
  features.forEach((feature, index) => {
    const at = `features.${index}`;
    if (!isObject(feature) || feature.type !== 'Feature') {
      problems.push({ path: `${at}.type`, message: 'must be a Feature' });
      return;
    }
    const props = isObject(feature.properties) ? feature.properties : {};
    const code = codeKey(props.code);
    const name = nameKey(props.name);
    const region = (code && byCode.get(code)) || (name && byName.get(name)) || null;
    if (!region) {
      const said = code ? `code ${code}` : name ? `name ${name}` : 'no properties.code or properties.name';
      problems.push({ path: `${at}.properties${code ? '.code' : '.name'}`, message: `no child region matches (${said})` });
      return;
    }
    const before = taken.get(region.id);
    if (before !== undefined) {
      problems.push({ path: `${at}.properties`, message: `${region.name} is already matched by features.${before}` });
      return;
    }
    taken.set(region.id, index);
    const checked = boundaryProblems(feature, `${at}.`);
    if ('error' in checked) {
      problems.push(...(checked.error.details ?? [{ path: at, message: checked.error.message }]));
      return;
    }
    matched.push({ index, regionId: region.id, name: region.name, code: region.code, matchedBy: code && byCode.has(code) ? 'code' : 'name', boundary: checked.boundary });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 200);
    throw new AppError('UNPROCESSABLE', `${problems.length} feature problem(s), nothing saved; first: ${shown[0]?.path}: ${shown[0]?.message}`, shown);
  }
  for (const m of matched) await upsertBoundary(tx, m.regionId, m.boundary, ctx.userId);
  await audit(tx, ctx, { action: 'region.boundaries.import', entity: 'region', entityId: parentId, regionId: parentId, details: { saved: matched.length } });
  return { saved: matched.length, features: matched.map(({ boundary: _b, ...rest }) => rest) };
}

/** The map of a region as JSON text and its ETag (the text's digest). */
export async function regionMap(db: Db, regionId: number): Promise<{ body: string; etag: string }> {
  const region = await regionFields(db, regionId, ['id', 'name', 'level']);
  if (!region) throw notFound('region');
  const children = await childRegions(db, regionId);
  const ids = [regionId, ...children.map((c) => c.id)];
  const rows = await db.selectFrom('region_boundaries').select(['region_id', 'geometry']).where('region_id', 'in', ids).execute();
  const geometryOf = new Map(rows.map((r) => [r.region_id, r.geometry]));
  // The stored text is already checked JSON: spliced in, not parsed and serialised again.
  const features = children
    .filter((c) => geometryOf.has(c.id))
    .map((c) => `{"type":"Feature","properties":${JSON.stringify({ regionId: c.id, name: c.name, code: c.code })},"geometry":${geometryOf.get(c.id)}}`);
  const head: Omit<RegionMap, 'outline' | 'features'> = { type: 'FeatureCollection', regionId: region.id, name: region.name, level: region.level, missing: children.length - features.length };
  const body = `${JSON.stringify(head).slice(0, -1)},"outline":${geometryOf.get(regionId) ?? 'null'},"features":[${features.join(',')}]}`;
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { body, etag };
}
