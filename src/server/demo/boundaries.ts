// Invented boundaries for the demo county's map (near lng 120.6, lat 29.1, about 40 × 30 km):
// the county outline, its towns as cells of a jittered lattice, each town's villages as cells of
// a lattice laid into the town (a Coons patch over the town's four edges). Neighbouring cells
// are built from the same edge curves sampled at the same parameters, so they share their
// vertices exactly and the map has no gaps. Deterministic from the seed. Grids and micro-grids
// get no boundary.
import type { Database } from '../db/connect.ts';
import { nowIso } from '../platform/ids.ts';
import type { CommandDemoInput } from './command.ts';
import { type Rng, createRng } from './prng.ts';

type Point = [number, number];
/** A map from the unit square into a parent's space. */
type Patch = (s: number, t: number) => Point;

interface Cell {
  /** The ring in unit-square coordinates, counter-clockwise, closed. */
  ring: Point[];
  /** The cell's interior as a patch over its four edges. */
  patch: Patch;
  /** Width / height in unit-square coordinates. */
  aspect: number;
}

const CENTRE: Point = [120.6, 29.1];
const HALF_SPAN: Point = [0.205, 0.135]; // ≈ 40 km × 30 km at this latitude
const lerp = (a: number, b: number, f: number) => a + (b - a) * f;

/** A smooth wobble that is 0 at both ends: f(0) = f(1) = 0. */
function wobble(rng: Rng, amplitude: number): (f: number) => number {
  const p1 = rng.next() * Math.PI * 2;
  const p2 = rng.next() * Math.PI * 2;
  const a1 = amplitude * (0.6 + 0.4 * rng.next());
  const a2 = amplitude * 0.4 * rng.next();
  return (f) => Math.sin(Math.PI * f) * (a1 * Math.sin(2 * Math.PI * f + p1) + a2 * Math.sin(6 * Math.PI * f + p2));
}

/**
 * Splits the unit square into `count` cells: rows of cells whose dividing lines wobble. Every
 * line is a function sampled at a fixed set of parameters shared by the cells on both sides.
 */
function partition(rng: Rng, count: number, aspect: number, detail: { nx: number; nt: number }): Cell[] {
  const rows = Math.min(count, Math.max(1, Math.round(Math.sqrt(count / aspect))));
  const perRow = Array.from({ length: rows }, (_, j) => Math.floor(count / rows) + (j < count % rows ? 1 : 0));
  const rowY = Array.from({ length: rows + 1 }, (_, j) => (j === 0 || j === rows ? j / rows : (j + (rng.next() - 0.5) * 0.4) / rows));
  // Horizontal line j: y = rowY[j] + wobble(x); the square's own edges stay straight.
  const lineWobble = rowY.map((_, j) => (j === 0 || j === rows ? () => 0 : wobble(rng, 0.15 / rows)));
  const lineY = (j: number, x: number) => (rowY[j] as number) + (lineWobble[j] as (f: number) => number)(x);
  const splits = perRow.map((cols) => Array.from({ length: cols + 1 }, (_, k) => (k === 0 || k === cols ? k / cols : (k + (rng.next() - 0.5) * 0.4) / cols)));
  const sideWobble = perRow.map((cols) => Array.from({ length: cols + 1 }, (_, k) => (k === 0 || k === cols ? () => 0 : wobble(rng, 0.15 / cols))));
  /** The k-th dividing line of row j at parameter t (0 on line j, 1 on line j + 1). */
  const side = (j: number, k: number, t: number): Point => {
    const x = (splits[j] as number[])[k] as number;
    return [x + ((sideWobble[j] as ((f: number) => number)[])[k] as (f: number) => number)(t), lerp(lineY(j, x), lineY(j + 1, x), t)];
  };
  // Sample positions of each horizontal line: a fixed raster plus every split of both rows.
  const lineXs = rowY.map((_, j) => {
    const xs = new Set<number>(Array.from({ length: detail.nx + 1 }, (_, i) => i / detail.nx));
    for (const x of splits[j - 1] ?? []) xs.add(x);
    for (const x of splits[j] ?? []) xs.add(x);
    return [...xs].sort((a, b) => a - b);
  });
  const ts = Array.from({ length: detail.nt - 1 }, (_, i) => (i + 1) / detail.nt);

  const cells: Cell[] = [];
  for (let j = 0; j < rows; j++) {
    const xs = splits[j] as number[];
    for (let k = 0; k < xs.length - 1; k++) {
      const x0 = xs[k] as number;
      const x1 = xs[k + 1] as number;
      const within = (line: number) => (lineXs[line] as number[]).filter((x) => x >= x0 && x <= x1);
      const ring: Point[] = [
        ...within(j).map((x): Point => [x, lineY(j, x)]),
        ...ts.map((t) => side(j, k + 1, t)),
        ...within(j + 1).reverse().map((x): Point => [x, lineY(j + 1, x)]),
        ...[...ts].reverse().map((t) => side(j, k, t)),
      ];
      ring.push(ring[0] as Point);
      const bottom = (s: number): Point => [lerp(x0, x1, s), lineY(j, lerp(x0, x1, s))];
      const top = (s: number): Point => [lerp(x0, x1, s), lineY(j + 1, lerp(x0, x1, s))];
      const left = (t: number) => side(j, k, t);
      const right = (t: number) => side(j, k + 1, t);
      cells.push({ ring, patch: coons(bottom, top, left, right), aspect: (x1 - x0) / ((rowY[j + 1] as number) - (rowY[j] as number)) });
    }
  }
  return cells;
}

/** The Coons patch of four edge curves: the interior blends them, the border is exactly them. */
function coons(bottom: (s: number) => Point, top: (s: number) => Point, left: (t: number) => Point, right: (t: number) => Point): Patch {
  const p00 = bottom(0);
  const p10 = bottom(1);
  const p01 = top(0);
  const p11 = top(1);
  return (s, t) => {
    const b = bottom(s);
    const tp = top(s);
    const l = left(t);
    const r = right(t);
    const at = (i: 0 | 1) =>
      (1 - t) * b[i] + t * tp[i] + (1 - s) * l[i] + s * r[i] - ((1 - s) * (1 - t) * p00[i] + s * (1 - t) * p10[i] + (1 - s) * t * p01[i] + s * t * p11[i]);
    return [at(0), at(1)];
  };
}

/** The unit square onto a rounded, irregular county shape in longitude/latitude. */
function countyWarp(rng: Rng): Patch {
  const p1 = rng.next() * Math.PI * 2;
  const p2 = rng.next() * Math.PI * 2;
  return (x, y) => {
    const u = 2 * x - 1;
    const v = 2 * y - 1;
    // Square to disc (the "squircular" map), then a radius that wobbles with the angle.
    const dx = u * Math.sqrt(1 - (v * v) / 2);
    const dy = v * Math.sqrt(1 - (u * u) / 2);
    const angle = Math.atan2(dy, dx);
    const f = 1 + 0.09 * Math.sin(3 * angle + p1) + 0.05 * Math.sin(5 * angle + p2);
    return [round6(CENTRE[0] + dx * f * HALF_SPAN[0]), round6(CENTRE[1] + dy * f * HALF_SPAN[1])];
  };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const polygon = (ring: Point[]) => JSON.stringify({ type: 'Polygon', coordinates: [ring] });

export async function seedDemoBoundaries(database: Database, input: CommandDemoInput): Promise<void> {
  const rng = createRng(`${input.seed}/boundaries`);
  const warp = countyWarp(rng);
  const rows: { region_id: number; geometry: string }[] = [];

  const edge = Array.from({ length: 65 }, (_, i) => i / 64);
  const outline: Point[] = [
    ...edge.map((x) => warp(x, 0)),
    ...edge.slice(1).map((y) => warp(1, y)),
    ...[...edge].reverse().slice(1).map((x) => warp(x, 1)),
    ...[...edge].reverse().slice(1).map((y) => warp(0, y)),
  ];
  rows.push({ region_id: input.county.id, geometry: polygon(outline) });

  const { towns, villages } = input.territory;
  const townCells = partition(rng.fork('towns'), towns.length, HALF_SPAN[0] / HALF_SPAN[1], { nx: 24, nt: 8 });
  const villagesOf = new Map<number, number[]>();
  for (const v of villages) villagesOf.set(v.parent_id, [...(villagesOf.get(v.parent_id) ?? []), v.id]);
  towns.forEach((town, i) => {
    const cell = townCells[i] as Cell;
    rows.push({ region_id: town.id, geometry: polygon(cell.ring.map(([x, y]) => warp(x, y))) });
    const ids = villagesOf.get(town.id) ?? [];
    if (ids.length === 0) return;
    const aspect = (cell.aspect * HALF_SPAN[0]) / HALF_SPAN[1];
    const villageCells = partition(rng.fork(`town-${town.id}`), ids.length, aspect, { nx: 6, nt: 4 });
    ids.forEach((id, k) => {
      const ring = (villageCells[k] as Cell).ring.map(([s, t]) => {
        const [x, y] = cell.patch(s, t);
        return warp(x, y);
      });
      rows.push({ region_id: id, geometry: polygon(ring) });
    });
  });

  const updatedAt = nowIso();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => ({ ...r, updated_by: input.createdBy, updated_at: updatedAt }));
    await database.db.insertInto('region_boundaries').values(chunk).execute();
  }
}
