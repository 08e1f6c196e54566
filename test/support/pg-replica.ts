// A private PostgreSQL primary and its streaming replica on free ports, made by the local
// cluster's own PostgreSQL part (deploy/local-cluster.sh pg-up), for the read-replica tests.
// Missing PostgreSQL programs are a failure with the script's message, never a skip.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.ts';

const run = promisify(execFile);
const SCRIPT = path.resolve('deploy/local-cluster.sh');

export interface PgPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL on the replica as the superuser (its own connection). */
  onReplica<T extends pg.QueryResultRow = Record<string, unknown>>(text: string): Promise<T[]>;
  stopReplica(): Promise<void>;
  /** Stops both servers and removes their directory; safe to call twice and after a failed start. */
  down(): Promise<void>;
}


export async function startPgPair(): Promise<PgPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-replica-'));
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const env = { ...process.env, GRIDGUARD_CLUSTER_DIR: dir, PG_PRIMARY_PORT: String(primaryPort), PG_REPLICA_PORT: String(replicaPort), GRIDGUARD_CLUSTER_DB: 'gridguard' };
  const script = (command: string) => run('bash', [SCRIPT, command], { env, timeout: 90_000 });
  const pgBin = () => fs.readdirSync('/usr/lib/postgresql').sort().map((v) => `/usr/lib/postgresql/${v}/bin`).at(-1) ?? '';
  let stopped = false;
  const down = async () => {
    if (stopped) return;
    stopped = true;
    await script('pg-down').catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await script('pg-up');
  } catch (err) {
    await down();
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`could not start PostgreSQL primary + replica: ${e.stderr || e.stdout || e.message}`);
  }
  const urlOn = (port: number) => `postgres://postgres@127.0.0.1:${port}/gridguard`;
  return {
    primaryUrl: urlOn(primaryPort),
    replicaUrl: urlOn(replicaPort),
    async onReplica(text) {
      const client = new pg.Client({ connectionString: urlOn(replicaPort) });
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    },
    async stopReplica() {
      const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
      const [cmd = '', ...args] = [...asPostgres, `${pgBin()}/pg_ctl`, '-D', path.join(dir, 'pg', 'replica'), '-m', 'immediate', '-w', 'stop'];
      await run(cmd, args, { timeout: 30_000 });
    },
    down,
  };
}
