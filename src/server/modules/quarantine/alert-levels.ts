// An alert carries its county, town and village ids (migration 0015) so each level's list is
// one index range; unlike the records of migration 0031 its code writes them, from the alert
// region's path. The shared reading of paths into levels is the platform's (region-levels.ts).
export { levelColumnOf, regionLevels as alertLevels } from '../../platform/region-levels.ts';
