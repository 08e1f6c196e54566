// What a drill's clients do: sign in as the admin, get a bearer token, make a grid to write
// into, and send writes the way a careful client does — each with its own Idempotency-Key,
// re-sent with the same key until the server gives an answer that is not a failure of its own.
import { randomBytes } from 'node:crypto';
import { v7 } from 'uuid';
import { DRILL_ADMIN_PASSWORD } from './topology.ts';

export interface Session {
  base: string;
  headers: Record<string, string>;
}

export interface Answer {
  status: number;
  json: Record<string, unknown> | null;
  headers: Headers;
}

export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, headers: res.headers };
}

export async function adminSession(base: string): Promise<Session> {
  const login = await call(base, 'POST', '/api/v1/auth/login', { username: 'admin', password: DRILL_ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`admin sign-in: ${login.status} ${JSON.stringify(login.json)}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const token = await call(base, 'POST', '/api/v1/auth/tokens', { name: 'drill', expiresInDays: 1 }, { cookie, 'x-csrf-token': String(login.json?.csrfToken) });
  if (token.status !== 201) throw new Error(`token: ${token.status} ${JSON.stringify(token.json)}`);
  return { base, headers: { authorization: `Bearer ${String(token.json?.token)}` } };
}

/** A town, village and grid under the county root, for the drill's households; the grid's id. */
export async function drillGrid(session: Session): Promise<number> {
  const me = await call(session.base, 'GET', '/api/v1/auth/me', undefined, session.headers);
  const rootId = Number((me.json?.user as { regionId?: unknown } | undefined)?.regionId ?? (me.json?.region as { id?: unknown } | undefined)?.id);
  const suffix = String(Date.now()).slice(-8);
  let parentId = rootId;
  for (const level of ['town', 'village', 'grid'] as const) {
    const made = await call(session.base, 'POST', '/api/v1/regions', { parentId, level, code: `33${suffix}${level.length}${randomBytes(1)[0]}`, name: `演练${level}` }, session.headers);
    if (made.status !== 201) throw new Error(`region ${level}: ${made.status} ${JSON.stringify(made.json)}`);
    parentId = Number(made.json?.id);
  }
  return parentId;
}

export interface WriteOutcome {
  /** The id the server acknowledged (2xx), or null if the client gave up. */
  id: string | null;
  key: string;
  attempts: number;
  /** When the acknowledgement came (ms since the epoch). */
  acknowledgedAt: number | null;
  /** Times a try failed in a way the user would see (network error, 5xx, 502 from the balancer). */
  failures: { at: number; status: number | 'network'; retryAfter: string | null }[];
}

/**
 * POSTs `body` until acknowledged, with one Idempotency-Key for every try. Gives up after
 * `deadlineMs`. A 4xx other than 408/429 is a bug in the drill: thrown.
 */
export async function postUntilAcknowledged(session: Session, path: string, body: unknown, opts: { deadlineMs?: number; pauseMs?: number } = {}): Promise<WriteOutcome> {
  const key = `drill-${v7()}`;
  const started = Date.now();
  const outcome: WriteOutcome = { id: null, key, attempts: 0, acknowledgedAt: null, failures: [] };
  while (Date.now() - started < (opts.deadlineMs ?? 60_000)) {
    outcome.attempts += 1;
    let status: number | 'network';
    let retryAfter: string | null = null;
    try {
      const answer = await call(session.base, 'POST', path, body, { ...session.headers, 'idempotency-key': key });
      status = answer.status;
      retryAfter = answer.headers.get('retry-after');
      if (answer.status >= 200 && answer.status < 300) {
        outcome.id = String(answer.json?.id);
        outcome.acknowledgedAt = Date.now();
        return outcome;
      }
      if (answer.status < 500 && answer.status !== 408 && answer.status !== 429) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith(path)) throw err;
      status = 'network';
    }
    outcome.failures.push({ at: Date.now(), status, retryAfter });
    await new Promise((r) => setTimeout(r, opts.pauseMs ?? 100));
  }
  return outcome;
}

/** Seconds from the first to the last failure any client saw (0 when none). */
export function errorWindowSeconds(outcomes: WriteOutcome[]): number {
  const times = outcomes.flatMap((o) => o.failures.map((f) => f.at));
  if (!times.length) return 0;
  return (Math.max(...times) - Math.min(...times)) / 1000;
}

export function statusCounts(statuses: (number | 'network')[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of statuses) {
    const k = s === 'network' ? 'network' : `${String(s)[0]}xx` === '2xx' ? '2xx' : String(s);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

export function printTable(title: string, rows: [string, string | number][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  const valueWidth = Math.max(...rows.map(([, v]) => String(v).length));
  const line = `+${'-'.repeat(width + 2)}+${'-'.repeat(valueWidth + 2)}+`;
  const out = [`\n${title}`, line, ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${String(v).padStart(valueWidth)} |`), line];
  process.stdout.write(`${out.join('\n')}\n`);
}
