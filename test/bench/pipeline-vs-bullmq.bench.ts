// The whole pipeline against bare BullMQ, in the same run, on the same Redis and sandbox:
// BENCH_PIPELINE_ORDERS (20,000) eligible orders over 20 shops, the sandbox without latency or
// rate limit, one worker process at WORKER_CONCURRENCY 50 and 200 (BENCH_PIPELINE_CONCURRENCY,
// comma-separated). Ours: POST /v1/exports to the run's last outcome. Baseline: addBulk of one
// job per order and a bare BullMQ worker making the same call. Reports orders/s of both, the
// ratio ours/baseline (target ≥ 0.5), and per job the Redis commands, PostgreSQL transactions and
// tuples, and CPU seconds per process. Run: pnpm bench pipeline-vs-bullmq
import { writeResult, cell, repetitions, spread } from './bench-support.ts';
import { spawnSandbox } from './bench-processes.ts';
import { envInt, runBaseline, runOurs, type RunFigures } from './pipeline-harness.ts';

const SHOPS = 20;
/** High enough that pacing never waits: the calls still go through the pacing's Redis script. */
const REQUESTS_PER_SECOND = 1_000;

export interface PairedFigures {
  label: string;
  baseline: RunFigures[];
  ours: RunFigures[];
}

/** Baseline and ours once per repetition, alternating which goes first to spread any drift. */
export async function pairedRuns(
  label: string,
  reps: number,
  run: (system: 'ours' | 'baseline') => Promise<RunFigures>,
): Promise<PairedFigures> {
  const pair: PairedFigures = { label, baseline: [], ours: [] };
  for (let rep = 0; rep < reps; rep += 1) {
    const order: ('ours' | 'baseline')[] = rep % 2 === 0 ? ['baseline', 'ours'] : ['ours', 'baseline'];
    for (const system of order) {
      const figures = await run(system);
      pair[system].push(figures);
      console.log(
        `  ${label} rep ${String(rep + 1)}/${String(reps)} ${system}: ${String(figures.orders)} orders in ${figures.seconds.toFixed(1)} s = ${figures.ordersPerSecond.toFixed(0)}/s`,
      );
    }
  }
  return pair;
}

/** CPU seconds of every measured process (Redis and PostgreSQL included) per wall second. */
export function coresBusy(run: RunFigures): number {
  return Object.values(run.cpuSeconds).reduce((sum, seconds) => sum + seconds, 0) / run.observedSeconds;
}

/** The worker backends' samples by what they were doing, as shares of all their busy samples. */
function waitShares(runs: readonly RunFigures[], application: string): Record<string, string> {
  const totals: Record<string, number> = {};
  for (const run of runs) {
    for (const [wait, count] of Object.entries(run.postgresWaits?.[application] ?? {})) {
      totals[wait] = (totals[wait] ?? 0) + count;
    }
  }
  const all = Object.values(totals).reduce((sum, count) => sum + count, 0);
  return Object.fromEntries(
    Object.entries(totals)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([wait, count]) => [wait, `${((100 * count) / all).toFixed(0)}%`]),
  );
}

export function ratios(pair: PairedFigures): number[] {
  return pair.ours.map((ours, i) => ours.ordersPerSecond / (pair.baseline[i]?.ordersPerSecond ?? NaN));
}

/** Per-process CPU seconds per 1,000 orders, median over the repetitions. */
function cpuPerThousand(runs: readonly RunFigures[]): Record<string, string> {
  const roles = new Set(runs.flatMap((run) => Object.keys(run.cpuSeconds)));
  return Object.fromEntries(
    [...roles].map((role) => [
      role,
      cell(
        runs.map((run) => ((run.cpuSeconds[role] ?? 0) * 1000) / run.orders),
        2,
      ),
    ]),
  );
}

export function printPairs(pairs: readonly PairedFigures[]): void {
  console.log(
    '\norders/s, median (min–max); ratio = ours / baseline of the same repetition; cores busy = CPU s of all measured processes / wall s (2 cores)',
  );
  console.table(
    pairs.map((pair) => ({
      config: pair.label,
      'baseline orders/s': cell(pair.baseline.map((r) => r.ordersPerSecond)),
      'ours orders/s': cell(pair.ours.map((r) => r.ordersPerSecond)),
      'ratio ours/baseline': cell(ratios(pair), 2),
      'cores busy baseline': cell(pair.baseline.map(coresBusy), 2),
      'cores busy ours': cell(pair.ours.map(coresBusy), 2),
    })),
  );
  console.log(
    "where the time goes, per job (median (min–max)); Redis counts are server-wide; pg queries = the run database's committed transactions (the service runs each statement in its own)",
  );
  console.table(
    pairs.flatMap((pair) =>
      (['baseline', 'ours'] as const).map((system) => {
        const runs = pair[system];
        return {
          config: `${pair.label} ${system}`,
          'redis cmds': cell(
            runs.map((r) => r.redis.commandsPerJob),
            1,
          ),
          'redis scripts': cell(
            runs.map((r) => r.redis.scriptCallsPerJob),
            1,
          ),
          'redis µs': cell(
            runs.map((r) => r.redis.usecPerJob),
            0,
          ),
          'pg queries':
            system === 'ours'
              ? cell(
                  runs.map((r) => r.postgres?.xacts_commitPerJob ?? 0),
                  2,
                )
              : '-',
          'pg tup ins+upd':
            system === 'ours'
              ? cell(
                  runs.map((r) => (r.postgres?.tuples_insertedPerJob ?? 0) + (r.postgres?.tuples_updatedPerJob ?? 0)),
                  2,
                )
              : '-',
          'pg tup fetched':
            system === 'ours'
              ? cell(
                  runs.map((r) => r.postgres?.tuples_fetchedPerJob ?? 0),
                  1,
                )
              : '-',
        };
      }),
    ),
  );
  console.log('CPU seconds per 1,000 orders, by process');
  console.table(
    Object.fromEntries(
      pairs.flatMap((pair) =>
        (['baseline', 'ours'] as const).map((system) => [`${pair.label} ${system}`, cpuPerThousand(pair[system])]),
      ),
    ),
  );
  const ours = pairs.at(-1)?.ours.at(-1);
  if (ours) console.log(`top Redis commands per job (last ours run): ${JSON.stringify(ours.redis.top)}`);
  console.log('what the busy PostgreSQL backends of ours were doing (share of 50 ms samples, all repetitions)');
  console.table(Object.fromEntries(pairs.map((pair) => [pair.label, waitShares(pair.ours, 'worker')])));
  const base = pairs.at(-1)?.baseline.at(-1);
  if (base) console.log(`top Redis commands per job (last baseline run): ${JSON.stringify(base.redis.top)}`);
}

export function summarizePairs(pairs: readonly PairedFigures[]): unknown {
  return pairs.map((pair) => ({
    config: pair.label,
    baselineOrdersPerSecond: spread(pair.baseline.map((r) => r.ordersPerSecond)),
    oursOrdersPerSecond: spread(pair.ours.map((r) => r.ordersPerSecond)),
    ratio: spread(ratios(pair)),
    runs: { baseline: pair.baseline, ours: pair.ours },
  }));
}

export async function pipelineVsBullmq(): Promise<unknown> {
  const orders = envInt('BENCH_PIPELINE_ORDERS', 20_000);
  const concurrencies = (process.env.BENCH_PIPELINE_CONCURRENCY ?? '50,200').split(',').map(Number);
  // This machine's speed drifts by a third within minutes: five pairs give the median ratio a
  // steadier footing than three.
  const reps = repetitions(5);
  await using sandbox = await spawnSandbox({ lenient: true, journalSize: 1_000 });
  const pairs: PairedFigures[] = [];
  for (const concurrency of concurrencies) {
    const options = { orders, shops: SHOPS, workers: 1, concurrency, sandbox };
    pairs.push(
      await pairedRuns(`1 proc × ${String(concurrency)}`, reps, (system) =>
        system === 'ours' ? runOurs({ ...options, requestsPerSecond: REQUESTS_PER_SECOND }) : runBaseline(options),
      ),
    );
  }
  printPairs(pairs);
  const result = {
    orders,
    shops: SHOPS,
    repetitions: reps,
    requestsPerSecond: REQUESTS_PER_SECOND,
    sandbox: 'own process, lenient, no latency, no rate limit',
    configs: summarizePairs(pairs),
  };
  console.log(`written to ${writeResult('pipeline-vs-bullmq', result)}`);
  return result;
}
