// npm run demo -- --people N [--database URL] [--counties N] [--grids N] [--seed S] [--append]
// Builds demo counties of invented people into a database (migrating it first). The region
// tree has no province level, so each extra county is a root of its own (codes 339901,
// 339902, …); the server's admin is bound to the first, each county has its own commander
// ('commander', then 'c02.commander', …). Personal fields are encrypted with the same keyring
// the server uses (GRIDGUARD_DATA_KEY or $DATA_DIR/keys/datakey.json).
import { parseArgs } from 'node:util';
import { DEFAULT_COUNTY } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { countyRoot, buildDemoCounty } from '../src/server/demo/county.ts';
import { DEMO_PASSWORD, demoPasswordHash } from '../src/server/demo/load-demo.ts';
import { chineseNumber } from '../src/server/demo/names.ts';
import { loadFieldCrypto } from '../src/server/platform/crypto.ts';

const USAGE = 'usage: npm run demo -- --people N [--database URL] [--counties N] [--grids N per county] [--seed S] [--append]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    people: { type: 'string' },
    database: { type: 'string' },
    counties: { type: 'string', default: '1' },
    grids: { type: 'string' },
    seed: { type: 'string', default: 'gridguard' },
    append: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) fail('Builds demo counties of invented people.');
const people = Number(values.people);
const counties = Number(values.counties);
if (!Number.isInteger(people) || people < 1) fail('--people must be a whole number above 0 (people per county)');
if (!Number.isInteger(counties) || counties < 1 || counties > 98) fail('--counties must be 1 to 98');
const grids = values.grids === undefined ? undefined : Number(values.grids);
if (grids !== undefined && (!Number.isInteger(grids) || grids < 1)) fail('--grids must be a whole number above 0 (grids per county)');

const config = loadConfig();
const url = values.database ?? config.databaseUrl;
const database = openDatabase(url);
const crypto = loadFieldCrypto({ envValue: config.dataKey, dataDir: config.dataDir });
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const log = { info: (obj: object, msg: string) => process.stdout.write(`${msg} ${JSON.stringify(obj)}\n`) };

try {
  await migrateToLatest(database, { fieldCrypto: crypto });
  const anyone = await database.db.selectFrom('persons').select('id').limit(1).executeTakeFirst();
  if (anyone && !values.append) {
    fail(`${database.dialect} ${database.describe} already holds people: add --append to build more counties next to them`);
  }
  const passwordHash = await demoPasswordHash();
  const started = Date.now();
  let built = 0;
  // County codes 3399NN: the first free one (or the empty county the server bootstrapped).
  for (let nn = 1; nn <= 99 && built < counties; nn++) {
    const code = `3399${String(nn).padStart(2, '0')}`;
    const name = nn === 1 ? DEFAULT_COUNTY.name : `示范${chineseNumber(nn)}县`;
    const root = await countyRoot(database, code, name);
    if (!root) continue; // taken: a county with towns already, or a code used below a county
    const prefix = nn === 1 ? '' : `c${String(nn).padStart(2, '0')}.`;
    const result = await buildDemoCounty(database, crypto, root, passwordHash, {
      people,
      seed: values.seed,
      usernamePrefix: prefix,
      commitEveryPeople: 100_000,
      grids,
      timeZone: config.timeZone,
      log,
    });
    built += 1;
    const c = result.counts;
    log.info(
      { code, towns: result.towns, villages: result.villages, grids: result.grids, microGrids: result.microGrids, users: result.users, households: c.households, people: c.people, keyPersons: c.keyPersons, ms: result.ms },
      `county ${name} built; accounts ${prefix}commander, ${prefix}town01, ${prefix}v001, ${prefix}g0001… (password ${DEMO_PASSWORD})`,
    );
  }
  if (built < counties) fail(`only ${built} of ${counties} counties could be built: no free county code left`);
  log.info({ seconds: (Date.now() - started) / 1000, peakRssMb: Math.round(peakRss / 1_048_576), database: `${database.dialect} ${database.describe}` }, 'done');
} finally {
  clearInterval(sampler);
  await database.close();
}
