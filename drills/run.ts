// npm run drill -- NAME… | --quick | all
// Runs fault drills against one topology (drills/topology.ts: started here, or the cluster in
// GRIDGUARD_DRILL_TARGET) and prints each one's figures. Exit code 1 when a drill's invariant
// broke (a lost acknowledged write, a duplicate, a 500, …).
import os from 'node:os';
import { DRILLS, QUICK_DRILLS, type DrillName } from './drills.ts';
import { type Topology, openTopology } from './topology.ts';

const args = process.argv.slice(2).filter((a) => a !== '--');
const names: DrillName[] = [];
for (const arg of args) {
  if (arg === '--quick') names.push(...QUICK_DRILLS);
  else if (arg === 'all') names.push(...(Object.keys(DRILLS) as DrillName[]));
  else if (arg in DRILLS) names.push(arg as DrillName);
  else {
    process.stderr.write(`unknown drill "${arg}"; known: ${Object.keys(DRILLS).join(', ')}, --quick, all\n`);
    process.exit(2);
  }
}
if (!names.length) {
  process.stderr.write(`usage: npm run drill -- NAME… | --quick | all   (drills: ${Object.keys(DRILLS).join(', ')})\n`);
  process.exit(2);
}

const log = (line: string) => process.stdout.write(`${line}\n`);
log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
// Opened for the first drill that needs it (the replica drill brings its own servers).
let topology: Topology | null = null;
const failures: string[] = [];
try {
  for (const name of [...new Set(names)]) {
    log(`\n=== ${name} (load average ${os.loadavg()[0]?.toFixed(2)}) ===`);
    const drill = DRILLS[name];
    if (!drill.ownServers) topology ??= await openTopology({ log });
    const problems = await drill.run(drill.ownServers ? null : topology).catch((err: unknown) => [`the drill itself failed: ${(err as Error).stack ?? String(err)}`]);
    for (const p of problems) log(`  ✗ ${p}`);
    if (problems.length) failures.push(`${name}: ${problems.join('; ')}`);
    else log(`  ✓ ${name}: invariants held`);
  }
} finally {
  await topology?.close();
}
log(`\nload average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (failures.length) {
  log(`\nFAILED:\n${failures.join('\n')}`);
  process.exit(1);
}
process.exit(0);
