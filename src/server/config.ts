// Environment parsed once, validated, frozen. buildApp takes a Config so tests pass their own.
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_IMPORT_CONCURRENCY } from '../shared/import-limits.ts';
import { DEFAULT_TIME_ZONE } from '../shared/time-zone.ts';

/** Fastify's trustProxy: nobody (false), the n nearest hops, or the proxies at these addresses. */
export type TrustProxy = false | number | readonly string[];

// proxy-addr (under Fastify) also knows these names for whole ranges.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** `off`, a hop count (`1`), or a comma list of proxy addresses and CIDRs (`10.0.0.0/8, ::1`). */
const TrustProxyEnv = z
  .string()
  .trim()
  .default('off')
  .transform((value, ctx): TrustProxy => {
    if (value === 'off' || value === '0') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
    const bad = entries.filter((e) => !isProxyAddress(e));
    if (!entries.length || bad.length) {
      ctx.addIssue({ code: 'custom', message: `expected off, a hop count or a comma list of addresses/CIDRs; not understood: ${bad.join(', ') || value}` });
      return z.NEVER;
    }
    return Object.freeze(entries);
  });

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** PostgreSQL only: a streaming read replica for lists, exports, roll-ups and dashboards. */
  DATABASE_READ_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// address').optional(),
  /** Replica lag (seconds) past which reads go to the primary; also the writer's read-from-primary window. */
  GRIDGUARD_REPLICA_MAX_LAG_S: z.coerce.number().min(0.5).max(600).default(5),
  GRIDGUARD_ADMIN_PASSWORD: z.string().min(10).optional(),
  GRIDGUARD_DEMO: z.enum(['on', 'off']).default('on'),
  GRIDGUARD_DEMO_PEOPLE: z.coerce.number().int().min(0).default(250_000),
  GRIDGUARD_DATA_KEY: z.string().optional(),
  GRIDGUARD_TIME_ZONE: z.string().default(DEFAULT_TIME_ZONE),
  GRIDGUARD_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  /** Unset: on when GRIDGUARD_PUBLIC_URL is https://, else off. */
  GRIDGUARD_SECURE_COOKIES: z.enum(['on', 'off']).optional(),
  /** on: /api/docs without signing in (default: signed-in staff only). */
  GRIDGUARD_PUBLIC_DOCS: z.enum(['on', 'off']).default('off'),
  /** Where the built web app is (default dist/web); browser tests of parallel builds set it. */
  GRIDGUARD_WEB_ROOT: z.string().optional(),
  /** Multiplies every public rate limit (benchmarks measuring raw filing throughput raise it). */
  GRIDGUARD_PUBLIC_LIMIT_SCALE: z.coerce.number().positive().default(1),
  /** The address the QR posters carry (https://gridguard.example.gov.cn); default: the address the request came in on. */
  GRIDGUARD_PUBLIC_URL: z.url().optional(),
  /** redis://host:port: the public rate limits are counted there, shared by every app instance. */
  /** Whose X-Forwarded-For to believe for the client's address (rate limits, sign-in throttle, audit). */
  GRIDGUARD_TRUST_PROXY: TrustProxyEnv,
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// address').optional(),
  /** Spreadsheet imports run at once in this process; the rest wait in its queue. */
  GRIDGUARD_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(DEFAULT_IMPORT_CONCURRENCY),
  /** /metrics on this port, without signing in (else on the app's port, admins only). */
  GRIDGUARD_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Where `npm run backup` and the daily backup job write (default $DATA_DIR/backups). */
  GRIDGUARD_BACKUP_DIR: z.string().optional(),
  /** Daily backups kept by the backup job; 0 turns the job off. */
  GRIDGUARD_BACKUP_KEEP: z.coerce.number().int().min(0).max(3650).default(7),
  /** Days the audit log keeps its entries before whole months are exported to the backup directory and removed (at least a year). */
  GRIDGUARD_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(366).max(36500).default(1095),
  /** How often the audit log's new entries are sealed into its hash chain (ms); 0: never (bench/audit.ts measures the chain's cost with it; `npm run audit:verify` then reports every entry unsealed). */
  GRIDGUARD_AUDIT_SEAL_EVERY_MS: z.coerce.number().int().min(0).max(3_600_000).default(3000),
  /** SQLite reader threads for lists, searches, dashboards and exports; 0: every read on the main thread, as before. Default min(4, cores). */
  GRIDGUARD_SQLITE_READERS: z.coerce.number().int().min(0).max(32).optional(),
  /** The neighbouring counties GridGuard does not run, "330782:义乌市,330783:东阳市": a departure there gets a 协查函 to send. */
  GRIDGUARD_NEIGHBOUR_COUNTIES: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const items = text.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
        const [code = '', ...name] = part.split(':');
        return { code: code.trim(), name: name.join(':').trim() };
      });
      const bad = items.find((c) => !/^\d{6}$/.test(c.code) || c.name === '' || c.name.length > 50);
      if (bad) ctx.addIssue({ code: 'custom', message: `"${bad.code}:${bad.name}": write each neighbour as its 6-digit county code, a colon and its name` });
      return items;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  /** PostgreSQL read replica (DATABASE_READ_URL); null: every read on DATABASE_URL. SQLite ignores it. */
  databaseReadUrl: string | null;
  replicaMaxLagSeconds: number;
  adminPassword: string | undefined;
  demo: boolean;
  demoPeople: number;
  dataKey: string | undefined;
  timeZone: string;
  bodyLimit: number;
  secureCookies: boolean;
  /** /api/docs without signing in. */
  publicDocs: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /** Where the built web app lives; null serves no web app (API-only tests). */
  webRoot: string | null;
  /** How often a live event stream sends a heartbeat and re-checks its session. */
  liveHeartbeatMs: number;
  /** Multiplies the public endpoints' rate limits (platform/public-guard.ts). */
  publicLimitScale: number;
  /** Base address printed in QR codes; null: the request's own origin. */
  publicUrl: string | null;
  /** Where the public rate limits and sign-in attempts are counted across instances; null: in this process and the database. */
  redisUrl: string | null;
  /** How long a Redis count may hold a request before its caller falls back to the database (500 ms); the cross-instance tests allow more, as a loaded machine answers late. */
  redisCommandTimeoutMs: number;
  /** Which proxies' X-Forwarded-For gives the client's address; false: the socket's address, headers ignored. */
  trustProxy: TrustProxy;
  /** Spreadsheet imports run at once in this process (modules/imports/import-queue.ts). */
  importConcurrency: number;
  /** /metrics on its own port without signing in; null: on the app's port for signed-in admins. */
  metricsPort: number | null;
  /** Where backups are written (npm run backup, the daily job). */
  backupDir: string;
  /** Daily backups the job keeps; 0: no daily backup. */
  backupKeep: number;
  /** Days the audit log keeps an entry (platform/audit-retention.ts); longer than any data's own. */
  auditRetentionDays: number;
  /** Audit chain sealing interval (ms); 0: no sealer (benchmarks only). */
  auditSealEveryMs: number;
  /** SQLite reader threads (db/sqlite-read-pool.ts); undefined: min(4, cores). */
  sqliteReaders: number | undefined;
  /** Neighbouring counties not on this installation (GRIDGUARD_NEIGHBOUR_COUNTIES): a departure there gets a 协查函 text. */
  neighbourCounties: readonly { code: string; name: string }[];
}>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite://${path.join(dataDir, 'gridguard.db')}`,
    databaseReadUrl: e.DATABASE_READ_URL ?? null,
    replicaMaxLagSeconds: e.GRIDGUARD_REPLICA_MAX_LAG_S,
    adminPassword: e.GRIDGUARD_ADMIN_PASSWORD,
    demo: e.GRIDGUARD_DEMO === 'on',
    demoPeople: e.GRIDGUARD_DEMO_PEOPLE,
    dataKey: e.GRIDGUARD_DATA_KEY,
    timeZone: e.GRIDGUARD_TIME_ZONE,
    bodyLimit: e.GRIDGUARD_BODY_LIMIT,
    secureCookies: secureCookiesOf(e.GRIDGUARD_SECURE_COOKIES, e.GRIDGUARD_PUBLIC_URL),
    publicDocs: e.GRIDGUARD_PUBLIC_DOCS === 'on',
    logLevel: e.LOG_LEVEL,
    webRoot: path.resolve(e.GRIDGUARD_WEB_ROOT ?? 'dist/web'),
    liveHeartbeatMs: 25_000,
    publicLimitScale: e.GRIDGUARD_PUBLIC_LIMIT_SCALE,
    publicUrl: e.GRIDGUARD_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisCommandTimeoutMs: 500,
    trustProxy: e.GRIDGUARD_TRUST_PROXY,
    importConcurrency: e.GRIDGUARD_IMPORT_CONCURRENCY,
    metricsPort: e.GRIDGUARD_METRICS_PORT ?? null,
    backupDir: path.resolve(e.GRIDGUARD_BACKUP_DIR ?? path.join(dataDir, 'backups')),
    backupKeep: e.GRIDGUARD_BACKUP_KEEP,
    auditRetentionDays: e.GRIDGUARD_AUDIT_RETENTION_DAYS,
    auditSealEveryMs: e.GRIDGUARD_AUDIT_SEAL_EVERY_MS,
    sqliteReaders: e.GRIDGUARD_SQLITE_READERS,
    neighbourCounties: e.GRIDGUARD_NEIGHBOUR_COUNTIES,
  });
}

/** Cookies marked Secure when said so, else whenever the public address is https (behind a TLS proxy). */
function secureCookiesOf(setting: 'on' | 'off' | undefined, publicUrl: string | undefined): boolean {
  if (setting) return setting === 'on';
  return publicUrl?.startsWith('https://') ?? false;
}
