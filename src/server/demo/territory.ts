// The demo county's territory: towns/streets, villages/communities, grids, micro-grids, sized
// from the number of people (≈15 towns, 450 villages, 1,100 grids, 3,900 micro-grids for 250k).
// Codes extend the parent's code by three digits: town 9, village 12, grid 15, micro-grid 18.
import { chineseNumber, compoundName, placeName } from './names.ts';
import { type Rng, weighted } from './prng.ts';

export interface DemoRegion {
  id: number;
  parent_id: number;
  level: 'town' | 'village' | 'grid' | 'microgrid';
  code: string;
  name: string;
  path: string;
  depth: number;
}

/** What the household generator needs to address a micro-grid's dwellings. */
export interface MicroGridPlan {
  id: number;
  urban: boolean;
  /** 'X镇Y村' or 'X街道Y社区Z小区'. */
  addressPrefix: string;
  /** Rural: the village group (组) number; urban: the building (幢) number. */
  number: number;
}

export interface DemoTerritory {
  regions: DemoRegion[];
  towns: DemoRegion[];
  villages: DemoRegion[];
  grids: DemoRegion[];
  microGrids: MicroGridPlan[];
}

export interface CountyRoot {
  id: number;
  code: string;
  name: string;
  path: string;
}

const gridsPerVillage = weighted([[1, 15], [2, 40], [3, 30], [4, 15]] as const);
const microPerGrid = weighted([[2, 20], [3, 30], [4, 30], [5, 20]] as const);
const pad3 = (n: number) => String(n).padStart(3, '0');

export function territorySize(people: number): { towns: number; villages: number } {
  const towns = Math.min(60, Math.max(2, Math.round(people / 16_667)));
  return { towns, villages: Math.max(towns * 2, Math.round(people / 555)) };
}

/** `grids`: spread exactly this many grids over the villages (the roll-up benchmark's 5,000). */
export function planTerritory(rng: Rng, county: CountyRoot, people: number, firstId: number, grids?: number): DemoTerritory {
  const size = territorySize(people);
  let villageIndex = 0;
  const out: DemoTerritory = { regions: [], towns: [], villages: [], grids: [], microGrids: [] };
  const names = new Set<string>();
  let nextId = firstId;
  const add = (parent: { id: number; path: string }, depth: number, level: DemoRegion['level'], code: string, name: string) => {
    const id = nextId++;
    const region: DemoRegion = { id, parent_id: parent.id, level, code, name, path: `${parent.path}${id}/`, depth };
    out.regions.push(region);
    return region;
  };
  let villagesLeft = size.villages;
  for (let t = 0; t < size.towns; t++) {
    // About a third are streets (街道): urban communities of residential compounds.
    const urban = t % 3 === 0;
    const townName = `${placeName(rng, names)}${urban ? '街道' : rng.chance(0.75) ? '镇' : '乡'}`;
    const town = add(county, 2, 'town', `${county.code}${pad3(t + 1)}`, townName);
    out.towns.push(town);
    const even = villagesLeft / (size.towns - t);
    const villageCount = t === size.towns - 1 ? villagesLeft : Math.max(2, Math.round(even * (0.7 + 0.6 * rng.next())));
    villagesLeft = Math.max(0, villagesLeft - villageCount);
    const villageNames = new Set<string>();
    for (let v = 0; v < Math.max(2, villageCount); v++) {
      const villageName = `${placeName(rng, villageNames)}${urban ? '社区' : '村'}`;
      const village = add(town, 3, 'village', `${town.code}${pad3(v + 1)}`, villageName);
      out.villages.push(village);
      const drawn = gridsPerVillage(rng.next()); // drawn either way: the same seed gives the same names
      const gridCount = grids === undefined ? drawn : Math.max(1, Math.round((grids * (villageIndex + 1)) / size.villages) - Math.round((grids * villageIndex) / size.villages));
      villageIndex += 1;
      let group = 0;
      for (let g = 0; g < gridCount; g++) {
        const grid = add(village, 4, 'grid', `${village.code}${pad3(g + 1)}`, `${villageName}第${chineseNumber(g + 1)}网格`);
        out.grids.push(grid);
        const compound = urban ? compoundName(rng, villageNames) : '';
        const microCount = microPerGrid(rng.next());
        for (let m = 0; m < microCount; m++) {
          group += 1;
          const microName = urban ? `${compound}${m + 1}幢` : `第${chineseNumber(group)}村民小组`;
          const micro = add(grid, 5, 'microgrid', `${grid.code}${pad3(m + 1)}`, microName);
          out.microGrids.push({
            id: micro.id,
            urban,
            addressPrefix: `${townName}${villageName}${compound}`,
            number: urban ? m + 1 : group,
          });
        }
      }
    }
  }
  return out;
}
