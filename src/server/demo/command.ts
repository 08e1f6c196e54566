// The demo county's command side, after its people: checkpoints and patrol teams, two weeks of
// daily reports, control inside the grids (home quarantine, family events, patrol logs, team
// members, unannounced inspections and rectification tasks), and
// region boundaries for the dashboard's map. Each module seeds its own part.
import type { Database } from '../db/connect.ts';
import type { FieldCrypto } from '../platform/crypto.ts';
import { seedDemoBoundaries } from './boundaries.ts';
import { seedDemoCheckpoints } from './checkpoints.ts';
import { seedControlDemo } from './control.ts';
import { seedDemoInspections } from './inspections.ts';
import { insertRiskJob, runRiskJob } from '../modules/risk/risk.recompute.ts';
import { seedDemoReports } from './reports.ts';
import { seedDemoTips } from './tips.ts';
import { seedDemoArrivals } from './arrivals.ts';
import { seedDemoNotices } from './notices.ts';
import type { CountyRoot, DemoTerritory } from './territory.ts';
import { assignMissingNumbers } from '../platform/record-numbers.ts';

export interface CommandDemoInput {
  county: CountyRoot;
  territory: DemoTerritory;
  /** YYYY-MM-DD in the county's zone: reports are seeded for the days before it. */
  today: string;
  /** The county's zone (GRIDGUARD_TIME_ZONE): deadlines and visit hours are seeded in it. */
  timeZone: string;
  seed: string;
  /** The county commander's user id: the creator of seeded records. */
  createdBy: string;
  /** Encrypts the personal numbers of seeded public-side records (arrival entries) and quarantine health data; tests of one seeder may leave it out. */
  crypto?: FieldCrypto;
}

export async function seedCommandDemo(database: Database, input: CommandDemoInput): Promise<void> {
  await seedDemoCheckpoints(database, input);
  await seedDemoReports(database, input);
  await seedControlDemo(database, input);
  await seedDemoInspections(database, input);
  await seedDemoTips(database, input);
  await seedDemoArrivals(database, input);
  await seedDemoNotices(database, input);
  // The seeders write in bulk without numbers: number their records as the migration would.
  await assignMissingNumbers(database.db, input.timeZone);
  // Colour everyone by the default rules, as a rule change would (the records above are facts).
  const jobId = await insertRiskJob(database.db, input.county.id, input.createdBy);
  await runRiskJob({ db: database.db, today: input.today }, jobId);
  await seedDemoBoundaries(database, input);
}
