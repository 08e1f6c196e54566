import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The module holds one "first screen drawn" moment per page: each test loads it afresh.
async function fresh() {
  vi.resetModules();
  return import('./first-screen.ts');
}

describe('afterFirstScreen', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits for the first screen to be drawn, then runs the work once', async () => {
    const { afterFirstScreen, firstScreenDrawn } = await fresh();
    const work = vi.fn();
    afterFirstScreen(work, 1000);
    await vi.advanceTimersByTimeAsync(500);
    expect(work).not.toHaveBeenCalled();
    firstScreenDrawn();
    await vi.advanceTimersByTimeAsync(0);
    expect(work).toHaveBeenCalledTimes(1);
    // The fallback timer was cleared: no second run.
    await vi.advanceTimersByTimeAsync(2000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('waits for the frame after the render to be painted, when the browser paints frames', async () => {
    let frame: (() => void) | null = null;
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => {
      frame = cb;
      return 1;
    });
    const { afterFirstScreen, firstScreenDrawn } = await fresh();
    const work = vi.fn();
    afterFirstScreen(work, 1000);
    firstScreenDrawn();
    await vi.advanceTimersByTimeAsync(0);
    expect(work).not.toHaveBeenCalled();
    (frame as (() => void) | null)?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs the work after the fallback delay on a page that never says it was drawn', async () => {
    const { afterFirstScreen } = await fresh();
    const work = vi.fn();
    afterFirstScreen(work, 1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled (the page left, or the account changed)', async () => {
    const { afterFirstScreen, firstScreenDrawn } = await fresh();
    const work = vi.fn();
    const cancel = afterFirstScreen(work, 1000);
    cancel();
    firstScreenDrawn();
    await vi.advanceTimersByTimeAsync(2000);
    expect(work).not.toHaveBeenCalled();
  });

  it('runs work asked for after the screen was drawn without waiting', async () => {
    const { afterFirstScreen, firstScreenDrawn } = await fresh();
    firstScreenDrawn();
    await vi.advanceTimersByTimeAsync(0);
    const work = vi.fn();
    afterFirstScreen(work, 1000);
    await vi.advanceTimersByTimeAsync(0);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
