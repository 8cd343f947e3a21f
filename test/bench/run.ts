// pnpm bench [name ...]: runs the named benchmarks (all when none is named), one after another.
import { scanAtScale } from './scan-at-scale.bench.ts';

const benchmarks: Record<string, () => Promise<unknown>> = {
  'scan-at-scale': scanAtScale,
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
  console.log(`\n== ${name}`);
  const run = benchmarks[name];
  if (run) await run();
}
