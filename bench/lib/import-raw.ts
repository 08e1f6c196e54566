// The baseline of the import benchmark: the same people and households written straight into
// the same schema with better-sqlite3 prepared statements in 50,000-row transactions — no
// parsing, no checks, no encryption (values are made outside the timed part, hashes and
// ciphertexts of the same shape and length as the import's). Prints `IMPORT_RAW {json}`.
//   tsx bench/lib/import-raw.ts --rows 1000000 --data DIR
import { createHash, randomBytes } from 'node:crypto';
import Sqlite from 'better-sqlite3';
import { argValue } from './harness.ts';
import { importSetup, rssSampler } from './import-setup.ts';
import { personRow } from './people-file.ts';
import { newId as uuidv7 } from '../../src/server/platform/ids.ts';

const argv = process.argv.slice(2);
const rows = Number(argValue(argv, '--rows') ?? 1_000_000);
const dataDir = argValue(argv, '--data') ?? '';
const CHUNK = 50_000;

const setup = await importSetup(dataDir);
await setup.database.close();
const db = new Sqlite(setup.dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -65536');

const insertHousehold = db.prepare(
  `insert into households (id, region_id, address, building, unit, room, is_rental, landlord_name, landlord_phone_enc, landlord_phone_hash, last_visited_on, created_at, updated_at, version)
   values (?, ?, ?, ?, ?, ?, 0, null, null, null, null, ?, ?, 1)`,
);
const insertPerson = db.prepare(
  `insert into persons (id, household_id, region_id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked,
     category, origin, arrived_on, travel_mode, employer, key_person, key_person_reason, dwelling_relation, left_on, created_at, updated_at, version)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, 0, null, null, null, ?, ?, 1)`,
);
const fakeCipher = () => `k1.${randomBytes(12 + 18 + 16).toString('base64url')}`;
const hash = (s: string) => createHash('sha256').update(s).digest('base64url');
const CATEGORY: Record<string, string> = { 常住人口: 'resident', 流动人口: 'floating', 外来务工人员: 'migrant_worker', 租户: 'tenant' };

const rss = rssSampler();
let timedNs = 0n;
let householdId = '';
for (let start = 0; start < rows; start += CHUNK) {
  const now = new Date().toISOString();
  const households: unknown[][] = [];
  const persons: unknown[][] = [];
  for (let i = start; i < Math.min(rows, start + CHUNK); i++) {
    const [address, building, unit, room, name, idNumber = '', phone = '', category = '', origin, arrivedOn, employer] = personRow(i);
    if (i % 3 === 0) {
      householdId = uuidv7();
      households.push([householdId, setup.grid.id, address, building, unit, room, now, now]);
    }
    persons.push([
      uuidv7(), householdId, setup.grid.id, name, i % 2 ? 'male' : 'female', `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      fakeCipher(), hash(idNumber), `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`, fakeCipher(), hash(phone), `${phone.slice(0, 3)}****${phone.slice(7)}`,
      CATEGORY[category] ?? 'resident', origin || null, arrivedOn || null, employer || null, now, now,
    ]);
  }
  const t0 = process.hrtime.bigint();
  db.transaction(() => {
    for (const h of households) insertHousehold.run(h);
    for (const p of persons) insertPerson.run(p);
  })();
  timedNs += process.hrtime.bigint() - t0;
}
const memory = rss.stop();
const count = (db.prepare('select count(*) as n from persons').get() as { n: number }).n;
db.close();
process.stdout.write(`IMPORT_RAW ${JSON.stringify({ seconds: Number(timedNs) / 1e9, persons: count, ...memory })}\n`);
