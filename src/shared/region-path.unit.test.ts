// Levels are read off a path by name through REGION_LEVELS: each helper answers for every level,
// and above a path's own level there is no ancestor to name.
import { describe, expect, it } from 'vitest';
import { ancestorIdAt, ancestorPathAt, depthOfLevel, idsBelowCounty, levelOfPath, pathIds } from './region-path.ts';
import { REGION_LEVELS } from './regions.ts';

const MICRO = '/1/7/30/45/46/';

describe('region paths read by level name', () => {
  it('reads the ids of a path from the county down', () => {
    expect(pathIds(MICRO)).toEqual([1, 7, 30, 45, 46]);
    expect(pathIds('/1/')).toEqual([1]);
  });

  it('names the level of a path of each depth, and none past the last level', () => {
    expect(REGION_LEVELS.map((_, i) => levelOfPath(`/${[1, 7, 30, 45, 46].slice(0, i + 1).join('/')}/`))).toEqual([...REGION_LEVELS]);
    expect(levelOfPath('/1/2/3/4/5/6/')).toBeUndefined();
    expect(levelOfPath('/')).toBeUndefined();
  });

  it('finds the ancestor of each level, the region itself at its own level, none below it', () => {
    expect(REGION_LEVELS.map((l) => ancestorIdAt(MICRO, l))).toEqual([1, 7, 30, 45, 46]);
    expect(ancestorIdAt('/1/7/', 'town')).toBe(7);
    expect(ancestorIdAt('/1/7/', 'village')).toBeNull();
    expect(ancestorPathAt(MICRO, 'village')).toBe('/1/7/30/');
    expect(ancestorPathAt(MICRO, 'county')).toBe('/1/');
    expect(ancestorPathAt('/1/7/', 'grid')).toBeNull();
  });

  it('counts depth from the county and lists the ids below it', () => {
    expect(REGION_LEVELS.map(depthOfLevel)).toEqual([1, 2, 3, 4, 5]);
    expect(idsBelowCounty(MICRO)).toEqual([7, 30, 45, 46]);
    expect(idsBelowCounty('/1/')).toEqual([]);
  });
});
