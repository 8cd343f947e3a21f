// The pipeline-vs-bullmq setup with one and with two worker processes (each at
// BENCH_SCALING_CONCURRENCY, default 50), ours and the baseline alike: what a second process
// buys on this machine. "cores busy" (CPU seconds of every process, Redis and PostgreSQL
// included, over the wall time) shows whether the machine was the limit.
// BENCH_SCALING_ORDERS (5,000: a quarter of pipeline-vs-bullmq's, to keep `pnpm bench` under 25 minutes).
// Run: pnpm bench scaling-out
import { cell, repetitions, spread, writeResult } from './bench-support.ts';
import { spawnSandbox } from './bench-processes.ts';
import { envInt, runBaseline, runOurs } from './pipeline-harness.ts';
import { pairedRuns, printPairs, summarizePairs, type PairedFigures } from './pipeline-vs-bullmq.bench.ts';

const SHOPS = 20;
const REQUESTS_PER_SECOND = 1_000;

export async function scalingOut(): Promise<unknown> {
  const orders = envInt('BENCH_SCALING_ORDERS', 5_000);
  const concurrency = envInt('BENCH_SCALING_CONCURRENCY', 50);
  const reps = repetitions();
  await using sandbox = await spawnSandbox({ lenient: true, journalSize: 1_000 });
  const pairs: PairedFigures[] = [];
  for (const workers of [1, 2]) {
    const options = { orders, shops: SHOPS, workers, concurrency, sandbox };
    pairs.push(
      await pairedRuns(`${String(workers)} proc × ${String(concurrency)}`, reps, (system) =>
        system === 'ours' ? runOurs({ ...options, requestsPerSecond: REQUESTS_PER_SECOND }) : runBaseline(options),
      ),
    );
  }
  printPairs(pairs);
  const [one, two] = pairs;
  if (!one || !two) throw new Error('both configurations must have run');
  const scale = (system: 'ours' | 'baseline') =>
    two[system].map((run, i) => run.ordersPerSecond / (one[system][i]?.ordersPerSecond ?? NaN));
  console.log('two processes / one, same repetition');
  console.table([
    { system: 'ours', 'orders/s ratio 2 procs / 1': cell(scale('ours'), 2) },
    { system: 'baseline', 'orders/s ratio 2 procs / 1': cell(scale('baseline'), 2) },
  ]);
  const result = {
    orders,
    shops: SHOPS,
    concurrency,
    repetitions: reps,
    scaling: { ours: spread(scale('ours')), baseline: spread(scale('baseline')) },
    configs: summarizePairs(pairs),
  };
  console.log(`written to ${writeResult('scaling-out', result)}`);
  return result;
}
