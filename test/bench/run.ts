// pnpm bench [name ...]: runs the named benchmarks (all when none is named), one after another.
// Sizes: see each benchmark's header (BENCH_* variables); BENCH_REPETITIONS (default 3).
import { latencyLimited } from './latency-limited.bench.ts';
import { pipelineVsBullmq } from './pipeline-vs-bullmq.bench.ts';
import { recovery } from './recovery.bench.ts';
import { scalingOut } from './scaling-out.bench.ts';
import { scanAtScale } from './scan-at-scale.bench.ts';

const benchmarks: Record<string, () => Promise<unknown>> = {
  'pipeline-vs-bullmq': pipelineVsBullmq,
  'latency-limited': latencyLimited,
  'scan-at-scale': scanAtScale,
  'scaling-out': scalingOut,
  recovery,
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
const failed: string[] = [];
for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
  console.log(`\n== ${name}`);
  const started = performance.now();
  const run = benchmarks[name];
  try {
    if (run) await run();
  } catch (error) {
    // One benchmark's failure does not keep the others from running.
    failed.push(name);
    console.error(`${name} failed:`, error);
  }
  console.log(`== ${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
// Connections or timers a failed benchmark left behind must not keep the process alive.
process.exit();
