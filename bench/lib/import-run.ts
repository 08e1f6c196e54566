// One people import of a file, end to end as the server runs it — sealing the upload, reading,
// checking, encrypting, staging, the final transaction — in its own process so its peak RSS
// is its own. Prints `IMPORT_RUN {json}`.
//   tsx bench/lib/import-run.ts --file people.csv --format csv --data DIR
import fs from 'node:fs';
import pino from 'pino';
import { ephemeralFieldCrypto } from '../../src/server/platform/crypto.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { insertJob } from '../../src/server/modules/imports/import-jobs.ts';
import { PERSON_IMPORT_KIND, runPersonImport } from '../../src/server/modules/imports/persons-import.service.ts';
import { sealUpload } from '../../src/server/modules/imports/sealed-upload.ts';
import { argValue } from './harness.ts';
import { importSetup, rssSampler } from './import-setup.ts';

const argv = process.argv.slice(2);
const file = argValue(argv, '--file') ?? '';
const format = argValue(argv, '--format') === 'xlsx' ? 'xlsx' : 'csv';
const dataDir = argValue(argv, '--data') ?? '';

const setup = await importSetup(dataDir);
const crypto = ephemeralFieldCrypto();
const rss = rssSampler();
const started = process.hrtime.bigint();
const id = newId();
const ref = newId();
await sealUpload(crypto, dataDir, ref, fs.createReadStream(file), 1 << 30);
await insertJob(setup.database.db, { id, kind: PERSON_IMPORT_KIND, userId: setup.userId, regionId: setup.grid.id, mode: 'valid-rows', fileName: file, uploadRef: ref, options: { format, region: setup.grid } });
await runPersonImport(
  { db: setup.database.db, crypto, dataDir, log: pino({ level: process.env.LOG_LEVEL ?? 'warn' }), today: '2026-11-29' },
  {
    id,
    mode: 'valid-rows',
    format,
    uploadRef: ref,
    userId: setup.userId,
    actorPath: setup.grid.path,
    region: setup.grid,
    audit: { userId: setup.userId, ip: '127.0.0.1' },
  },
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const memory = rss.stop();
const job = await setup.database.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const persons = await setup.database.db.selectFrom('persons').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
await setup.database.close();
process.stdout.write(
  `IMPORT_RUN ${JSON.stringify({ format, seconds, status: job.status, error: job.error, total: job.total, imported: job.imported, rejected: job.rejected_count, persons: Number(persons.n), ...memory })}\n`,
);
