// A browser test's own API client (not the page's): signs in like a script and reads what the
// server really holds.
export interface Api {
  baseUrl: string;
  get: <T>(path: string) => Promise<{ status: number; body: T; type: string | null }>;
  post: <T>(path: string, body: unknown) => Promise<T>;
  patch: <T>(path: string, body: unknown) => Promise<T>;
}

export async function apiAs(baseUrl: string, username: string, password: string): Promise<Api> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    baseUrl,
    get: async (path) => {
      const r = await fetch(`${baseUrl}/api/v1${path}`, { headers: { cookie } });
      const type = r.headers.get('content-type');
      return { status: r.status, type, body: type?.includes('json') ? await r.json() : null };
    },
    post: async (path, body) => {
      const r = await fetch(`${baseUrl}/api/v1${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    },
    patch: async (path, body) => {
      const r = await fetch(`${baseUrl}/api/v1${path}`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    },
  };
}

/** The first password an admin gives a test's staff account (replaced at its first sign-in). */
export const FIRST_PASSWORD = 'first-kettle-harbour-7';

export interface StaffAccount {
  username: string;
  password: string;
  displayName: string;
  role: string;
  regionId: number;
  phone?: string;
}

/**
 * A staff account as an admin makes it, with its first sign-in done: the admin's password
 * replaced by `account.password`, as the server requires before anything else. Tests then sign
 * in as a colleague would on their second day.
 */
export async function aStaffAccount(admin: Api, account: StaffAccount): Promise<{ id: string }> {
  const created = await admin.post<{ id: string }>('/users', { ...account, password: FIRST_PASSWORD });
  await completeFirstSignIn(admin.baseUrl, account.username, account.password);
  return created;
}

/** An account made with FIRST_PASSWORD signs in once and replaces it with `password`. */
export async function completeFirstSignIn(baseUrl: string, username: string, password: string): Promise<void> {
  const own = await apiAs(baseUrl, username, FIRST_PASSWORD);
  await own.post('/auth/password', { currentPassword: FIRST_PASSWORD, newPassword: password });
}

/** town → village → grid under the admin's county, and a grid worker there; the grid's id. */
export async function aGridWithWorker(
  admin: Api,
  names: { townCode: string; town: string; village: string; grid: string },
  worker: { username: string; password: string; displayName: string },
): Promise<number> {
  const me = (await admin.get<{ region: { id: number } }>('/auth/me')).body;
  const town = await admin.post<{ id: number }>('/regions', { parentId: me.region.id, level: 'town', code: names.townCode, name: names.town });
  const village = await admin.post<{ id: number }>('/regions', { parentId: town.id, level: 'village', code: `${names.townCode}001`, name: names.village });
  const grid = await admin.post<{ id: number }>('/regions', { parentId: village.id, level: 'grid', code: `${names.townCode}00101`, name: names.grid });
  await aStaffAccount(admin, { ...worker, role: 'grid_worker', regionId: grid.id });
  return grid.id;
}

/** 城关镇 → 东河村 → 东河村第一网格 with its grid worker (worker / lantern-orchard-123): where most browser tests start. */
export async function aStandardGrid(admin: Api): Promise<{ townId: number; villageId: number; gridId: number }> {
  const gridId = await aGridWithWorker(
    admin,
    { townCode: '339901001', town: '城关镇', village: '东河村', grid: '东河村第一网格' },
    { username: 'worker', password: 'lantern-orchard-123', displayName: '李网格' },
  );
  const grid = (await admin.get<{ parentId: number }>(`/regions/${gridId}`)).body;
  const village = (await admin.get<{ parentId: number }>(`/regions/${grid.parentId}`)).body;
  return { townId: village.parentId, villageId: grid.parentId, gridId };
}
