// Where a page's main thread spent an open, for bench/phone.ts --profile: a V8 CPU profile through
// the DevTools protocol (Profiler domain) summarised as the functions with the most self time and
// the scripts they came from, and a timeline of the main thread's longer tasks from a trace with
// the devtools.timeline categories (what ran when, and the gaps where it waited). The raw profile
// is written to a file that Chromium's DevTools opens (Performance → Load profile).
import fs from 'node:fs';
import type { CDPSession } from 'playwright-core';

/** Trace categories that name what each main-thread task did (script, style, layout, paint, IndexedDB). */
export const TIMELINE_CATEGORIES = ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline', 'IndexedDB'].join(',');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export async function startCpuProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  // 100 µs: a throttled phone's short tasks still get samples.
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}

/**
 * Stops the profile, writes it to `file` and returns the top functions by self time as lines,
 * counting the samples up to `untilTs` (trace clock, µs: the profiler's clock is the same).
 */
export async function stopCpuProfile(cdp: CDPSession, file: string, untilTs = Infinity, top = 25): Promise<string[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  fs.writeFileSync(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const perScript = new Map<string, number>();
  let ts = profile.startTime;
  profile.samples.forEach((id, i) => {
    ts += profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node || ts > untilTs) return;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const script = url ? url.replace(/^https?:\/\/[^/]+/, '') : `(${functionName || 'native'})`;
    const key = `${functionName || '(anonymous)'}  ${script}:${lineNumber + 1}:${columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    perScript.set(script, (perScript.get(script) ?? 0) + us);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const ms = (us: number) => `${(us / 1000).toFixed(1).padStart(7)} ms`;
  const lines = [`CPU profile until the paint (${ms(total).trim()} sampled; the whole profile is in ${file}); self time by script:`];
  for (const [script, us] of [...perScript].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`  ${ms(us)}  ${script}`);
  lines.push('by function:');
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${ms(us)}  ${key}`);
  return lines;
}

export interface TimelineEvent {
  ph: string;
  name: string;
  cat?: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: unknown; data?: { url?: string; functionName?: string; documentLoaderURL?: string } };
}

/**
 * The main thread's tasks of at least `minMs` from `originTs` (the navigation's start, trace µs),
 * each with its longest inner events, and the user-timing marks between them.
 */
export function mainThreadTimeline(events: TimelineEvent[], navigation: TimelineEvent, minMs = 8): string[] {
  const originTs = navigation.ts;
  const thread = `${navigation.pid}:${navigation.tid}`;
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === thread).sort((a, b) => a.ts - b.ts);
  const at = (ts: number) => String(Math.round((ts - originTs) / 1000)).padStart(6);
  const lines: string[] = [];
  const tasks = mine.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  let until = 0;
  for (const task of tasks) {
    if (task.ts < until) continue;
    until = task.ts + (task.dur ?? 0);
    if ((task.dur ?? 0) < minMs * 1000) continue;
    const inner = mine.filter((e) => e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts < until && e.name !== 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) >= 2000);
    const what = inner
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 4)
      .map((e) => `${e.name}${e.args?.data?.url ? ` ${e.args.data.url.replace(/^https?:\/\/[^/]+/, '')}` : ''}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''} ${Math.round((e.dur ?? 0) / 1000)}`)
      .join(', ');
    lines.push(`  ${at(task.ts)} ms  task ${String(Math.round((task.dur ?? 0) / 1000)).padStart(4)} ms (CPU ${Math.round((task.tdur ?? 0) / 1000)})  ${what}`);
  }
  for (const e of mine) if ((e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b') && e.cat?.includes('user_timing')) lines.push(`  ${at(e.ts)} ms  mark ${e.name}`);
  return lines.sort((a, b) => Number(a.trim().split(' ')[0]) - Number(b.trim().split(' ')[0]));
}

/** The navigationStart mark of the navigation to a URL with `path` in it: its time and its renderer's main thread. */
export function navigationStart(events: TimelineEvent[], path: string): TimelineEvent | undefined {
  const starts = events.filter((e) => e.name === 'navigationStart').sort((a, b) => a.ts - b.ts);
  return starts.find((e) => (e.args?.data?.documentLoaderURL ?? '').includes(path));
}
