// Throughput when ShopServe is slow and the per-shop limit binds: the sandbox answers after
// 100 ms (no rate limit of its own), 20 shops, SHOPSERVE_REQUESTS_PER_SECOND=5, two worker
// processes at WORKER_CONCURRENCY 50. The baseline is the ceiling
// min(shops × limit, processes × concurrency / latency). Reports achieved calls/s against it
// (target ≥ 0.95) and the most calls the sandbox saw of any shop in any sliding second (never
// above the limit). BENCH_LATENCY_ORDERS (3,000) sets the size. Run: pnpm bench latency-limited
import { pacingLimits } from '../../services/worker/src/shop-pacing.ts';
import { round } from './bench-measure.ts';
import { spawnSandbox, type SandboxProcess } from './bench-processes.ts';
import { cell, repetitions, spread, writeResult } from './bench-support.ts';
import { envInt, runOurs } from './pipeline-harness.ts';

const SHOPS = 20;
const PER_SHOP_LIMIT = 5;
const LATENCY_MS = 100;
const PROCESSES = 2;
const CONCURRENCY = 50;

interface LatencyFigures {
  orders: number;
  runSeconds: number;
  /** Calls/s over the span from the first call to the last, all shops together. */
  callsPerSecond: number;
  /** The same per shop (calls − 1 over the span), averaged, times the shops. */
  steadyCallsPerSecond: number;
  calls: number;
  perShopMaxPerSecond: number;
  /** Shortest gap between two calls of one shop, ms. */
  minGapMs: number;
  /** Shortest time in which the sandbox saw limit + 1 calls of one shop, ms (above 1000: within the limit). */
  tightestSpanMs: number;
}

async function callFigures(sandbox: SandboxProcess): Promise<Omit<LatencyFigures, 'orders' | 'runSeconds'>> {
  const [stats, byShop] = await Promise.all([sandbox.stats(), sandbox.callTimesByShop()]);
  const all = [...byShop.values()].flat();
  const span = (Math.max(...all) - Math.min(...all)) / 1000;
  let perShopRates = 0;
  let minGapMs = Infinity;
  let tightestSpanMs = Infinity;
  for (const times of byShop.values()) {
    times.sort((a, b) => a - b);
    const shopSpan = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
    if (times.length > 1 && shopSpan > 0) perShopRates += (times.length - 1) / shopSpan;
    for (let i = 1; i < times.length; i += 1) minGapMs = Math.min(minGapMs, (times[i] ?? 0) - (times[i - 1] ?? 0));
    for (let i = PER_SHOP_LIMIT; i < times.length; i += 1)
      tightestSpanMs = Math.min(tightestSpanMs, (times[i] ?? 0) - (times[i - PER_SHOP_LIMIT] ?? 0));
  }
  return {
    calls: stats.total,
    callsPerSecond: round(all.length / span, 2),
    steadyCallsPerSecond: round((perShopRates / byShop.size) * SHOPS, 2),
    perShopMaxPerSecond: Math.max(...Object.values(stats.perShopMaxPerSecond)),
    minGapMs,
    tightestSpanMs,
  };
}

export async function latencyLimited(): Promise<unknown> {
  const orders = envInt('BENCH_LATENCY_ORDERS', 3_000);
  const reps = repetitions();
  const ceiling = Math.min(SHOPS * PER_SHOP_LIMIT, (PROCESSES * CONCURRENCY * 1000) / LATENCY_MS);
  await using sandbox = await spawnSandbox({
    lenient: true,
    latency: { fixedMs: LATENCY_MS },
    rateLimit: null,
    journalSize: Math.max(100_000, orders),
  });
  const runs: LatencyFigures[] = [];
  for (let rep = 0; rep < reps; rep += 1) {
    const run = await runOurs({
      orders,
      shops: SHOPS,
      workers: PROCESSES,
      concurrency: CONCURRENCY,
      requestsPerSecond: PER_SHOP_LIMIT,
      sandbox,
    });
    const figures: LatencyFigures = { orders, runSeconds: run.seconds, ...(await callFigures(sandbox)) };
    runs.push(figures);
    console.log(
      `  rep ${String(rep + 1)}/${String(reps)}: ${String(figures.calls)} calls, ${figures.steadyCallsPerSecond.toFixed(1)} calls/s per-shop steady, ` +
        `${figures.callsPerSecond.toFixed(1)} calls/s first-to-last, run ${figures.runSeconds.toFixed(1)} s, most in a second ${String(figures.perShopMaxPerSecond)}`,
    );
  }
  const ratio = (value: number) => value / ceiling;
  const limits = pacingLimits(PER_SHOP_LIMIT);
  console.log(
    `\nceiling min(${String(SHOPS)} shops × ${String(PER_SHOP_LIMIT)}/s, ${String(PROCESSES)} procs × ${String(CONCURRENCY)} / ${String(LATENCY_MS)} ms) = ${String(ceiling)} calls/s; ` +
      `the worker grants a shop at most ${String(limits.count)} calls in any ${limits.windowMs.toFixed(0)} ms, ${limits.intervalMs.toFixed(0)} ms apart: at most ${(1000 / limits.windowMs).toFixed(3)} of it`,
  );
  console.table([
    {
      measure: 'calls/s (per shop, first to last call, × shops)',
      'median (min–max)': cell(
        runs.map((r) => r.steadyCallsPerSecond),
        1,
      ),
      'of ceiling': cell(
        runs.map((r) => ratio(r.steadyCallsPerSecond)),
        3,
      ),
    },
    {
      measure: 'calls/s (all calls, first to last)',
      'median (min–max)': cell(
        runs.map((r) => r.callsPerSecond),
        1,
      ),
      'of ceiling': cell(
        runs.map((r) => ratio(r.callsPerSecond)),
        3,
      ),
    },
    {
      measure: 'orders/s end to end (trigger to completed)',
      'median (min–max)': cell(
        runs.map((r) => r.orders / r.runSeconds),
        1,
      ),
      'of ceiling': cell(
        runs.map((r) => ratio(r.orders / r.runSeconds)),
        3,
      ),
    },
    {
      measure: `most calls of one shop in any second (limit ${String(PER_SHOP_LIMIT)})`,
      'median (min–max)': cell(runs.map((r) => r.perShopMaxPerSecond)),
      'of ceiling': '',
    },
    {
      measure: `shortest time for ${String(PER_SHOP_LIMIT + 1)} calls of a shop, ms (journal clock)`,
      'median (min–max)': cell(runs.map((r) => r.tightestSpanMs)),
      'of ceiling': '',
    },
    {
      measure: 'shortest gap between two calls of a shop, ms',
      'median (min–max)': cell(runs.map((r) => r.minGapMs)),
      'of ceiling': '',
    },
  ]);
  const result = {
    orders,
    shops: SHOPS,
    perShopLimit: PER_SHOP_LIMIT,
    latencyMs: LATENCY_MS,
    processes: PROCESSES,
    concurrency: CONCURRENCY,
    ceiling,
    steadyRatio: spread(runs.map((r) => ratio(r.steadyCallsPerSecond))),
    endToEndRatio: spread(runs.map((r) => ratio(r.orders / r.runSeconds))),
    perShopMaxPerSecond: spread(runs.map((r) => r.perShopMaxPerSecond)),
    runs,
  };
  console.log(`written to ${writeResult('latency-limited', result)}`);
  return result;
}
