// Checks an uploaded region boundary: a GeoJSON Polygon or MultiPolygon (bare or in a Feature),
// WGS-84 longitude/latitude, closed rings of at least 4 positions, and a size the map can draw.
// Every refusal names the path of the offending value (coordinates.0.3.1) so a GIS clerk can
// find it in the file.
import type { ErrorDetail } from '../../../shared/errors.ts';
import { BOUNDARY_LIMITS } from '../../../shared/stats.ts';
import { AppError } from '../../platform/errors.ts';

export type Position = [number, number];
export type Boundary = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

const MAX_DETAILS = 20;

class Checker {
  readonly problems: ErrorDetail[] = [];
  positions = 0;
  constructor(private readonly prefix: string) {}
  fail(path: string, message: string): void {
    if (this.problems.length < MAX_DETAILS) this.problems.push({ path: this.prefix + path, message });
  }

  position(value: unknown, path: string): Position | null {
    if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
      this.fail(path, 'a position is [longitude, latitude]');
      return null;
    }
    const [lon, lat] = value as unknown[];
    let ok = true;
    if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
      this.fail(`${path}.0`, 'longitude must be a number from -180 to 180');
      ok = false;
    }
    if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
      this.fail(`${path}.1`, 'latitude must be a number from -90 to 90');
      ok = false;
    }
    // Six decimals is about 10 cm: more only makes the file bigger.
    return ok ? [Math.round((lon as number) * 1e6) / 1e6, Math.round((lat as number) * 1e6) / 1e6] : null;
  }

  ring(value: unknown, path: string): Position[] {
    if (!Array.isArray(value)) {
      this.fail(path, 'a ring is an array of positions');
      return [];
    }
    this.positions += value.length;
    if (this.positions > BOUNDARY_LIMITS.positions) return [];
    if (value.length < 4) this.fail(path, 'a ring needs at least 4 positions (the first repeated at the end)');
    const ring = value.map((p, i) => this.position(p, `${path}.${i}`));
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (value.length >= 4 && first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      this.fail(`${path}.${value.length - 1}`, 'the ring is not closed: the last position must equal the first');
    }
    return ring.filter((p): p is Position => p !== null);
  }

  polygon(value: unknown, path: string): Position[][] {
    if (!Array.isArray(value) || value.length === 0) {
      this.fail(path || 'coordinates', 'a polygon is a non-empty array of rings');
      return [];
    }
    return value.map((ring, i) => this.ring(ring, path ? `${path}.${i}` : String(i)));
  }
}

function tooLarge(prefix: string): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `${prefix}coordinates: a boundary may have at most ${BOUNDARY_LIMITS.positions} positions; simplify it first`, [
    { path: `${prefix}coordinates`, message: `more than ${BOUNDARY_LIMITS.positions} positions` },
  ]);
}

/** The geometry of a Geometry or a Feature holding one; throws 400 (or 413) naming the path. */
export function parseBoundary(input: unknown, prefix = ''): Boundary {
  const problems = boundaryProblems(input, prefix);
  if ('error' in problems) throw problems.error;
  return problems.boundary;
}

export function boundaryProblems(input: unknown, prefix = ''): { boundary: Boundary } | { error: AppError } {
  let geometry = input;
  let base = prefix;
  if (isObject(input) && input.type === 'Feature') {
    geometry = input.geometry;
    base = `${prefix}geometry.`;
    if (!isObject(geometry)) return { error: invalid(`${base.slice(0, -1)}`, 'a Feature needs a Polygon or MultiPolygon geometry') };
  }
  if (!isObject(geometry)) return { error: invalid(`${prefix}(body)`, 'send a GeoJSON Polygon, MultiPolygon or a Feature with one') };
  const type = geometry.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return { error: invalid(`${base}type`, 'must be Polygon or MultiPolygon (or a Feature with one)') };
  }
  const checker = new Checker(base);
  const coordinates = geometry.coordinates;
  let boundary: Boundary;
  if (type === 'Polygon') {
    boundary = { type, coordinates: checker.polygon(coordinates, 'coordinates') };
  } else if (!Array.isArray(coordinates) || coordinates.length === 0) {
    checker.fail('coordinates', 'a MultiPolygon is a non-empty array of polygons');
    boundary = { type, coordinates: [] };
  } else {
    boundary = { type, coordinates: coordinates.map((p, i) => checker.polygon(p, `coordinates.${i}`)) };
  }
  if (checker.positions > BOUNDARY_LIMITS.positions) return { error: tooLarge(base) };
  if (checker.problems.length > 0) {
    const first = checker.problems[0] as ErrorDetail;
    return { error: new AppError('VALIDATION_ERROR', `${first.path}: ${first.message}`, checker.problems) };
  }
  return { boundary };
}

/** How many positions a checked boundary holds. */
export function positionCount(boundary: Boundary): number {
  const polygons: Position[][][] = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  return polygons.reduce((sum, rings) => sum + rings.reduce((s, ring) => s + ring.length, 0), 0);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (path: string, message: string) => new AppError('VALIDATION_ERROR', `${path}: ${message}`, [{ path, message }]);
