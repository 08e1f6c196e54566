// npm start runs the compiled server only while no source is newer than its build
// (scripts/server-build-state.mjs); otherwise it runs the sources, so a stale build never runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { compiledServerIsCurrent } from '../scripts/server-build-state.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-build-state-'));
  dirs.push(root);
  for (const f of ['src/server/main.ts', 'src/shared/errors.ts', 'tsconfig.json', 'tsconfig.server.json']) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), '');
  }
  return root;
}

function build(root: string, builtFrom: number): void {
  fs.mkdirSync(path.join(root, 'dist/server/server'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist/server/server/main.js'), '');
  fs.writeFileSync(path.join(root, 'dist/server/build-stamp.json'), JSON.stringify({ builtFrom }));
}

const touch = (file: string, at: number) => fs.utimesSync(file, at / 1000, at / 1000);

describe('which server npm start runs', () => {
  it('the sources on a fresh clone (no build)', () => {
    expect(compiledServerIsCurrent(tree())).toEqual({ current: false, why: 'no compiled build' });
  });

  it('the build when every source is older than it', () => {
    const root = tree();
    const past = Date.now() - 60_000;
    for (const f of ['src/server/main.ts', 'src/shared/errors.ts', 'tsconfig.json', 'tsconfig.server.json', 'src/server', 'src/shared', 'src']) touch(path.join(root, f), past);
    build(root, Date.now() - 30_000);
    expect(compiledServerIsCurrent(root)).toEqual({ current: true });
  });

  it('the sources again once one source file changed after the build', () => {
    const root = tree();
    const past = Date.now() - 60_000;
    for (const f of ['src/server/main.ts', 'src/shared/errors.ts', 'tsconfig.json', 'tsconfig.server.json', 'src/server', 'src/shared']) touch(path.join(root, f), past);
    build(root, Date.now() - 30_000);
    touch(path.join(root, 'src/shared/errors.ts'), Date.now());
    expect(compiledServerIsCurrent(root)).toEqual({ current: false, why: 'sources changed since the last build' });
  });
});
