// The JavaScript budget of a small app in the build (public.html, field.html): each of its pages
// may load at most so many KB of compressed JavaScript on first load. Reads the build's Vite
// manifest (build.manifest in vite.config.ts), walks the static imports from the HTML entry plus
// each lazy page's chunk and its imports, and sizes every file gzipped (level 9, what the
// server's compression does at most) and with brotli. Also fails when a library the app must not
// carry slips in. Used by check-public-budget.mjs and check-phone-budget.mjs.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const kb = (n) => (n / 1024).toFixed(1).padStart(7);

/**
 * @param {{ outDir: string, entry: string, label: string, budgetKb: number, pages: Record<string, string>,
 *   forbidden: RegExp, markers: Record<string, RegExp>, shellPage?: string, manifest?: string }} opts
 *   shellPage: the page the entry shows by itself (no lazy chunk), reported and held to the budget too
 *   manifest: the build's manifest within outDir (default .vite/manifest.json; the phone app's
 *   own build writes .vite/field-manifest.json)
 * @returns {boolean} true when every page is within budget and no forbidden library is in
 */
export function checkBudget({ outDir, entry, label, budgetKb, pages, forbidden, markers, shellPage, manifest: manifestFile = '.vite/manifest.json' }) {
  const budget = budgetKb * 1024;
  const manifestPath = path.join(outDir, manifestFile);
  if (!fs.existsSync(manifestPath)) {
    console.error(`${manifestPath} is missing: build with build.manifest: true first`);
    return false;
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  if (!manifest[entry]) {
    console.error(`${entry} is not an entry of the build (rolldownOptions.input of its vite config)`);
    return false;
  }

  /** The chunk's file and every file it imports statically, transitively. */
  const staticClosure = (key, seen = new Set()) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const dep of chunk.imports ?? []) staticClosure(dep, seen);
    return seen;
  };
  const sizes = new Map();
  const sizeOf = (file) => {
    if (!sizes.has(file)) {
      const bytes = fs.readFileSync(path.join(outDir, file));
      sizes.set(file, {
        raw: bytes.length,
        gzip: zlib.gzipSync(bytes, { level: 9 }).length,
        brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      });
    }
    return sizes.get(file);
  };

  // The built HTML's own script and modulepreload tags must be covered by the walk: a script the
  // HTML loads that the manifest does not list would escape the budget.
  const html = fs.readFileSync(path.join(outDir, entry), 'utf8');
  const htmlScripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const shell = staticClosure(entry);
  for (const file of htmlScripts) shell.add(file);

  const rows = [];
  const declared = manifest[entry].dynamicImports ?? [];
  const total = (files) => {
    const sum = { raw: 0, gzip: 0, brotli: 0 };
    for (const file of files) for (const k of Object.keys(sum)) sum[k] += sizeOf(file)[k];
    return sum;
  };
  if (shellPage) rows.push({ page: shellPage, files: shell.size, ...total(shell) });
  for (const page of declared) {
    const files = new Set(shell);
    staticClosure(page, files);
    rows.push({ page: pages[page] ?? pages[page.replace(/-[\w-]{8}\.js$/, '')] ?? page, files: files.size, ...total(files) });
  }
  if (rows.length === 0) rows.push({ page: `${entry} (single bundle)`, files: shell.size, ...total(shell) });

  const heavy = [];
  const walk = (k, seen = new Set()) => {
    if (seen.has(k)) return;
    seen.add(k);
    const chunk = manifest[k];
    if (!chunk) return;
    if (forbidden.test(k) || forbidden.test(chunk.src ?? '')) heavy.push(k);
    for (const dep of chunk.imports ?? []) walk(dep, seen);
  };
  for (const key of [entry, ...declared]) walk(key);
  // Chunk keys do not name the modules inside; look for the libraries' own markers in the code.
  const everyFile = new Set(shell);
  for (const page of declared) staticClosure(page, everyFile);
  for (const file of everyFile) {
    const code = fs.readFileSync(path.join(outDir, file), 'utf8');
    for (const [name, re] of Object.entries(markers)) if (re.test(code)) heavy.push(`${file} (${name})`);
  }

  console.log(`${label}: JavaScript per page, compressed (budget ${budgetKb} KB gzip)`);
  console.log(`${'page'.padEnd(26)} files      raw KB    gzip KB  brotli KB`);
  let over = false;
  for (const r of rows) {
    const flag = r.gzip > budget ? '  OVER BUDGET' : '';
    if (flag) over = true;
    console.log(`${r.page.padEnd(26)} ${String(r.files).padStart(5)} ${kb(r.raw)}    ${kb(r.gzip)}    ${kb(r.brotli)}${flag}`);
  }
  console.log('\nfiles:');
  for (const [file, s] of [...sizes].sort((a, b) => b[1].gzip - a[1].gzip)) console.log(`  ${file.padEnd(44)} ${kb(s.raw)} raw ${kb(s.gzip)} gzip ${kb(s.brotli)} br`);
  if (heavy.length) console.error(`\n${label} pull in a library they must not: ${[...new Set(heavy)].join(', ')}`);
  if (over) console.error(`\nA page of ${label} is over its budget of ${budgetKb} KB of gzipped JavaScript.`);
  return heavy.length === 0 && !over;
}
