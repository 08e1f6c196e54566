// Issue 13, item 1: spreadsheet bombs against the real server process. Starts the server
// (node --import tsx src/server/main.ts, so the child's pid is the server's), signs in a grid
// worker and uploads the bombs — the 30 × 100 MB shared strings, eight 1.5 GB strings at once
// (each as it was, and with a zip directory that lies about the size), a zip inside a zip, a
// sheet claiming a million columns, a 250 MB CSV line and a territory bomb — while /healthz is
// timed every 100 ms and the server's RSS is read from /proc. Prints the outcomes, the slowest
// /healthz and the peak RSS (VmHWM); exits 1 above 1 s or 600 MB, or if a bomb was not refused.
//   npx tsx bench/upload-bombs.ts [--postgres]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPORT_LIMITS } from '../src/shared/import-limits.ts';
import { type Outcome, attack, bigBombs, csvLineBomb, gridWorker, peopleTarget, territoryTarget, watch } from '../test/support/bomb-attack.ts';
import { inlineRow, sharedStringsBomb, storedPart, workbookParts, zip } from '../test/support/bombs.ts';
import { freshDatabase } from './lib/demo-server.ts';
import { HOST, deadline, freePort, startChild, tempDir, waitHealthy } from './lib/harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEALTHZ_LIMIT_MS = 1_000;
const RSS_LIMIT_MB = 600;
const postgres = process.argv.includes('--postgres');
deadline(20 * 60_000, 'the upload-bombs benchmark');

const dataDir = tempDir('gg-bench-bombs-');
const databaseUrl = await freshDatabase({ name: 'bombs', postgres }, dataDir);
const port = await freePort();
const adminPassword = 'bench-bombs-keeper-1';
const server = startChild('server', process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  cwd: ROOT,
  env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), HOST, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, GRIDGUARD_DEMO: 'off', GRIDGUARD_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn' },
});
const base = `http://${HOST}:${port}`;
await waitHealthy(server, `${base}/healthz`, 120_000);
const { worker, admin, gridId } = await gridWorker(base, adminPassword);
const idle = await watch(base, server.pid).stop();
console.log(`server up (${postgres ? 'PostgreSQL' : 'SQLite'}), pid ${server.pid}: RSS ${idle.rssNowMb} MB, peak so far ${idle.peakRssMb} MB`);

// Every file is built before the watch starts: this process stays idle while they go in.
const sendBig = bigBombs(base, worker, gridId);
const people = peopleTarget(gridId);
const header = ['地址', '姓名', '身份证号', '人员类别'];
const inner = sharedStringsBomb(1, 1_500);
const zipOfWorkbook = zip([storedPart('bomb.xlsx', inner)]);
const zipAsSheet = zip(workbookParts(storedPart('xl/worksheets/sheet1.xml', inner)));
const wide = zip(workbookParts(`<dimension ref="A1:XFD1048576"/><sheetData>${inlineRow(1, header)}<row r="2"><c r="XFD2"><v>1</v></c></row></sheetData>`));
const territory = sharedStringsBomb(30, 100);
const territoryLying = sharedStringsBomb(30, 100, 150);

const watching = watch(base, server.pid);
const started = Date.now();
const phase = async (name: string, run: () => Promise<Outcome | Outcome[]>) => {
  watching.phase(name);
  const got = await run();
  return Array.isArray(got) ? got : [got];
};
const outcomes: Outcome[] = [
  ...(await phase('the two big bombs', sendBig)),
  ...(await phase('zip inside zip', () => attack(base, worker, people, 'a zip of a workbook bomb', 'bomb.zip', zipOfWorkbook))),
  ...(await phase('zip inside zip', () => attack(base, worker, people, 'a zip bomb where the sheet should be', 'bomb.xlsx', zipAsSheet))),
  ...(await phase('a million columns', () => attack(base, worker, people, 'a sheet claiming a million columns, a value at XFD', 'wide.xlsx', wide))),
  ...(await phase('250 MB CSV line', () => csvLineBomb(base, worker, gridId))),
  ...(await phase('territory', () => attack(base, admin, territoryTarget, 'territory: 30 × 100 MB shared strings', 'regions.xlsx', territory))),
  ...(await phase('territory', () => attack(base, admin, territoryTarget, 'territory: the same, directory lying (150 MB)', 'regions.xlsx', territoryLying))),
];
const figures = await watching.stop();
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const refusals = new Set(['PART_TOO_LARGE_UNPACKED', 'FILE_TOO_LARGE_UNPACKED', 'TEXT_TOO_LONG', 'FILE_DAMAGED', 'TOO_MANY_COLUMNS', 'ROW_TOO_LONG', 'UNSUPPORTED_MEDIA_TYPE']);
for (const o of outcomes) console.log(`  ${refusals.has(o.code) ? 'refused' : 'NOT REFUSED'}  ${o.name}: ${o.status === 202 ? `job failed ${o.code}` : `${o.status} ${o.code}`}`);
const alive = server.proc.exitCode === null && server.proc.signalCode === null;
console.log(`\n${outcomes.length} bombs in ${seconds} s; the server ${alive ? 'is up' : 'DIED'}`);
console.log(`slowest /healthz: ${figures.maxHealthzMs} ms (limit ${HEALTHZ_LIMIT_MS}), failed /healthz: ${figures.healthzFailures}`);
console.log(`  by phase: ${Object.entries(figures.slowestByPhase).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`);
console.log(`peak RSS (VmHWM): ${figures.peakRssMb} MB (limit ${RSS_LIMIT_MB}); RSS now ${figures.rssNowMb} MB`);
console.log(`limits: ${JSON.stringify(IMPORT_LIMITS.persons)}`);

const ok = alive && outcomes.every((o) => refusals.has(o.code)) && figures.healthzFailures === 0 && figures.maxHealthzMs < HEALTHZ_LIMIT_MS && figures.peakRssMb < RSS_LIMIT_MB;
await server.stop();
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
