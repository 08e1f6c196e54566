// Issue 13's acceptance on the real server process: while the two big spreadsheet bombs go in
// (30 strings of 100 MB, and eight 1.5 GB strings at once, each as it was and with a zip
// directory that lies), /healthz answers within a second and the process's peak RSS (VmHWM)
// stays below 600 MB; every bomb is refused with a code. bench/upload-bombs.ts prints more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigBombs, gridWorker, watch } from './support/bomb-attack.ts';
import { TEST_DIALECT } from './support/db.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
}, 120_000);
afterAll(() => server?.stop());

describe(`spreadsheet bombs against the server process (${TEST_DIALECT})`, () => {
  it('keeps /healthz under a second and the peak RSS under 600 MB while the big bombs are refused', async () => {
    const { worker, gridId } = await gridWorker(server.base, server.adminPassword);
    const send = bigBombs(server.base, worker, gridId);
    const watching = watch(server.base, server.pid);
    const outcomes = await send();
    const figures = await watching.stop();
    console.log(`bombs vs the server (${TEST_DIALECT}): max /healthz ${figures.maxHealthzMs} ms, peak RSS ${figures.peakRssMb} MB`);
    for (const o of outcomes) expect(['PART_TOO_LARGE_UNPACKED', 'TEXT_TOO_LONG'], `${o.name}: ${o.status} ${o.code}`).toContain(o.code);
    expect(figures.healthzFailures).toBe(0);
    expect(figures.maxHealthzMs).toBeLessThan(1_000);
    expect(figures.peakRssMb).toBeLessThan(600);
  }, 600_000);
});
