// Whether dist/server holds a compiled server at least as new as every source it was built from.
import fs from 'node:fs';
import path from 'node:path';

// The build script too: a build it made before it learnt to copy the SQLite reader's worker
// (sqlite-reader.worker.mjs) lacks that file and dies at its first read.
const SOURCES = ['src/server', 'src/shared', 'tsconfig.json', 'tsconfig.server.json', 'scripts/build-server.mjs'];

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** { current: true } or { current: false, why } — why in words for the console. */
export function compiledServerIsCurrent(root = '.') {
  const stampFile = path.join(root, 'dist', 'server', 'build-stamp.json');
  if (!fs.existsSync(stampFile) || !fs.existsSync(path.join(root, 'dist', 'server', 'server', 'main.js'))) return { current: false, why: 'no compiled build' };
  const { builtFrom } = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  const newest = Math.max(...SOURCES.map((s) => path.join(root, s)).filter((s) => fs.existsSync(s)).map(newestMtime));
  return newest <= builtFrom ? { current: true } : { current: false, why: 'sources changed since the last build' };
}
