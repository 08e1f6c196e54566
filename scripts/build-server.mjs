// npm run build (server half): compiles src/server and src/shared to dist/server with tsc
// (tsconfig.server.json), from a clean directory so a deleted source leaves no stale module.
// The stamp records when the build started: npm start runs the build only while no source is newer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const OUT = 'dist/server';
const started = Date.now();
fs.rmSync(OUT, { recursive: true, force: true });
const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.server.json'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
// tsc emits only what it compiles: plain-JavaScript modules the server loads by path (the SQLite
// read pool's worker, sqlite-reader.worker.mjs) are copied beside the compiled code, or the
// compiled server stops at its first read.
for (const dir of ['src/server', 'src/shared']) {
  for (const file of fs.readdirSync(dir, { recursive: true })) {
    if (!/\.(mjs|cjs)$/.test(file)) continue;
    const to = path.join(OUT, path.relative('src', path.join(dir, file)));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(dir, file), to);
  }
}
fs.writeFileSync(path.join(OUT, 'build-stamp.json'), `${JSON.stringify({ builtFrom: started })}\n`);
process.stdout.write(`server compiled to ${OUT} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
