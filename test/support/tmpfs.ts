// A real small file system for the full-disk tests: a tmpfs of a given size (needs root, or
// CAP_SYS_ADMIN), filled up by a filler file and given back its space by deleting it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Tmpfs {
  dir: string;
  /** Writes a filler file until the file system answers ENOSPC. */
  fill(): void;
  /** Deletes the filler: the space is back. */
  free(): void;
  unmount(): void;
}

export function mountTmpfs(bytes: number): Tmpfs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0777`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    fs.rmdirSync(dir);
    throw err;
  }
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill() {
      // tmpfs hands out 4 KiB pages: writing page by page leaves no room at all.
      const fd = fs.openSync(filler, 'a');
      const page = Buffer.alloc(4096, 0x5a);
      try {
        for (;;) fs.writeSync(fd, page);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        fs.closeSync(fd);
      }
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      fs.rmdirSync(dir);
    },
  };
}

/**
 * Why a tmpfs cannot be mounted here, or null when it can. Under CI=true a reason is a failure
 * (CI runs as root on the same kind of machine, so the full-disk proof must run there) unless
 * GG_SKIP_TMPFS is set; elsewhere the tests that need it are left out with the reason printed.
 */
export function tmpfsProblem(): string | null {
  try {
    mountTmpfs(1024 * 1024).unmount();
    return null;
  } catch (err) {
    const reason = ((err as { stderr?: Buffer }).stderr?.toString() || (err as Error).message).trim();
    if (process.env.CI === 'true' && !process.env.GG_SKIP_TMPFS) throw new Error(`a tmpfs is needed under CI for the full-disk tests (set GG_SKIP_TMPFS=1 to leave them out): ${reason}`);
    console.warn(`\n*** full-disk tests on a real tmpfs left out: cannot mount one (${reason}) ***\n`);
    return reason;
  }
}
