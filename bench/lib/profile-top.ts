// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package/file,
// and total (inclusive) time of functions whose name matches --match.
//   npx tsx bench/lib/profile-top.ts file.cpuprofile [--top 30] [--match 'write|checkAccess'] [--from S] [--to S]
// --from/--to keep only the samples between S seconds after the profile started (skip start-up).
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts file.cpuprofile [--top N] [--match REGEX]');
const top = Number(rest[rest.indexOf('--top') + 1] ?? 30) || 30;
const matchArg = rest.includes('--match') ? rest[rest.indexOf('--match') + 1] : undefined;
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const fromUs = rest.includes('--from') ? Number(rest[rest.indexOf('--from') + 1]) * 1e6 : 0;
const toUs = rest.includes('--to') ? Number(rest[rest.indexOf('--to') + 1]) * 1e6 : Number.POSITIVE_INFINITY;
const selfUs = new Map<number, number>();
let clock = 0;
prof.samples.forEach((id, i) => {
  const dt = prof.timeDeltas[i] ?? 0;
  clock += dt;
  if (clock >= fromUs && clock <= toUs) selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const short = (url: string) => {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 13);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '') || '(native)';
};
const pkgOf = (url: string) => {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const p = url.slice(nm + 13).split('/');
    return p[0]?.startsWith('@') ? `${p[0]}/${p[1]}` : (p[0] ?? '?');
  }
  if (url.includes('/src/')) return url.slice(url.indexOf('/src/') + 1);
  if (url.startsWith('node:')) return 'node:internal';
  return url ? url : '(native/gc/idle)';
};
const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const agg = (key: (n: Node) => string) => {
  const m = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (n) m.set(key(n), (m.get(key(n)) ?? 0) + us);
  }
  return [...m].sort((a, b) => b[1] - a[1]);
};
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;

console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
console.log('\nself time by package / source file:');
for (const [k, us] of agg((n) => pkgOf(n.callFrame.url)).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);
console.log('\nself time by function:');
for (const [k, us] of agg(label).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);

if (matchArg) {
  const re = new RegExp(matchArg);
  // Inclusive time: a sample counts once for each distinct matching frame on its stack.
  const incl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const l = label(n);
      if (re.test(l) && !seen.has(l)) {
        seen.add(l);
        incl.set(l, (incl.get(l) ?? 0) + us);
      }
    }
  }
  console.log(`\ninclusive time of functions matching /${matchArg}/ (synchronous stacks only):`);
  for (const [k, us] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);
}
