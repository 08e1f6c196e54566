// The public pages' JavaScript budget: each page (/p, /p/tips/new, …) may load at most 150 KB
// of compressed JavaScript, for a resident on a weak 3G signal. Reads the built web root's Vite
// manifest (build.manifest in vite.config.ts), walks the static imports from public.html's
// entry plus each lazy page's chunk and its imports, and sizes every file gzipped (level 9,
// what the server's compression does at most) and with brotli. Exits 1 when a page is over.
//
//   node scripts/check-public-budget.mjs [outDir]     (default dist/web)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET_GZIP = 150 * 1024;
const outDir = path.resolve(process.argv[2] ?? 'dist/web');
const manifestPath = path.join(outDir, '.vite', 'manifest.json');
if (!fs.existsSync(manifestPath)) {
  console.error(`${manifestPath} is missing: build with build.manifest: true first`);
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const ENTRY = 'public.html';
if (!manifest[ENTRY]) {
  console.error(`${ENTRY} is not an entry of the build (vite.config.ts rolldownOptions.input)`);
  process.exit(1);
}

/** The lazy pages (src/public/pages/X.tsx) and the paths they serve, for the report. */
const PAGES = {
  'src/public/pages/Home.tsx': '/p',
  'src/public/pages/TipNew.tsx': '/p/tips/new',
  'src/public/pages/TipTrack.tsx': '/p/tips/track',
  'src/public/pages/Arrive.tsx': '/p/arrive/:token',
  'src/public/pages/Notices.tsx': '/p/notices',
  'src/public/pages/NoticeView.tsx': '/p/notices/:id',
};

/** The chunk's file and every file it imports statically, transitively. */
function staticClosure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const dep of chunk.imports ?? []) staticClosure(dep, seen);
  return seen;
}

const sizes = new Map();
function sizeOf(file) {
  if (!sizes.has(file)) {
    const bytes = fs.readFileSync(path.join(outDir, file));
    sizes.set(file, {
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizes.get(file);
}

// The built public.html's own script and modulepreload tags must be covered by the walk: a
// script the HTML loads that the manifest does not list would escape the budget.
const html = fs.readFileSync(path.join(outDir, ENTRY), 'utf8');
const htmlScripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
const shell = staticClosure(ENTRY);
for (const file of htmlScripts) shell.add(file);

const forbidden = /node_modules[\\/](antd|echarts|react-router|i18next|react-i18next|dayjs|zod|@zxcvbn-ts)[\\/]/;
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
const rows = [];
const declared = manifest[ENTRY].dynamicImports ?? [];
for (const page of declared) {
  const files = new Set(shell);
  staticClosure(page, files);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const s = sizeOf(file);
    total.raw += s.raw;
    total.gzip += s.gzip;
    total.brotli += s.brotli;
  }
  rows.push({ page: PAGES[page] ?? page, files: files.size, ...total });
}
if (rows.length === 0) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of shell) for (const k of Object.keys(total)) total[k] += sizeOf(file)[k];
  rows.push({ page: '/p (single bundle)', files: shell.size, ...total });
}

// A library the public pages must never pull in (antd, echarts, the router, i18next, zod, the
// staff's password-strength estimator with its 1 MB of dictionaries).
const heavy = [];
for (const key of [ENTRY, ...declared]) {
  const walk = (k, seen = new Set()) => {
    if (seen.has(k)) return;
    seen.add(k);
    const chunk = manifest[k];
    if (!chunk) return;
    if (forbidden.test(k) || forbidden.test(chunk.src ?? '')) heavy.push(k);
    for (const dep of chunk.imports ?? []) walk(dep, seen);
  };
  walk(key);
}
// Chunk keys do not name the modules inside; look for the libraries' own markers in the code.
const markers = { antd: /ant-design|antd/, echarts: /echarts/, 'react-router': /react-router|useNavigate/, i18next: /i18next/, zxcvbn: /passwords-common|diceware-common/ };
const everyFile = new Set(shell);
for (const page of declared) staticClosure(page, everyFile);
for (const file of everyFile) {
  const code = fs.readFileSync(path.join(outDir, file), 'utf8');
  for (const [name, re] of Object.entries(markers)) if (re.test(code)) heavy.push(`${file} (${name})`);
}

console.log(`Public pages: JavaScript per page, compressed (budget ${BUDGET_GZIP / 1024} KB gzip)`);
console.log(`${'page'.padEnd(20)} files      raw KB    gzip KB  brotli KB`);
let over = false;
for (const r of rows) {
  const flag = r.gzip > BUDGET_GZIP ? '  OVER BUDGET' : '';
  if (flag) over = true;
  console.log(`${r.page.padEnd(20)} ${String(r.files).padStart(5)} ${kb(r.raw)}    ${kb(r.gzip)}    ${kb(r.brotli)}${flag}`);
}
console.log('\nfiles:');
for (const [file, s] of [...sizes].sort((a, b) => b[1].gzip - a[1].gzip)) console.log(`  ${file.padEnd(44)} ${kb(s.raw)} raw ${kb(s.gzip)} gzip ${kb(s.brotli)} br`);
if (heavy.length) {
  console.error(`\nThe public pages pull in a library they must not: ${[...new Set(heavy)].join(', ')}`);
  process.exit(1);
}
if (over) {
  console.error(`\nA public page is over its budget of ${BUDGET_GZIP / 1024} KB of gzipped JavaScript.`);
  process.exit(1);
}
