// The phone's picker for `left`: the county's grids labelled town · village · grid, in order.
import { describe, expect, it } from 'vitest';
import { destinationsOf } from './verification-tasks.ts';

describe('destinationsOf', () => {
  it('labels each grid with its village and town and leaves the rest out', () => {
    const regions = [
      { id: 2, name: '城关镇', level: 'town', parentId: 1 },
      { id: 3, name: '东村', level: 'village', parentId: 2 },
      { id: 4, name: '东村第一网格', level: 'grid', parentId: 3 },
      { id: 5, name: '东村第二网格', level: 'grid', parentId: 3 },
      { id: 6, name: '南山乡', level: 'town', parentId: 1 },
    ];
    expect(destinationsOf(regions)).toEqual([
      { id: 4, label: '城关镇 · 东村 · 东村第一网格' },
      { id: 5, label: '城关镇 · 东村 · 东村第二网格' },
    ]);
  });
});
