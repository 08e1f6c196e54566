// Region boundaries for the choropleth (migration 0009).
export interface RegionBoundariesTable {
  region_id: number;
  /** GeoJSON Polygon or MultiPolygon, WGS-84. */
  geometry: string;
  updated_by: string | null;
  updated_at: string;
}
