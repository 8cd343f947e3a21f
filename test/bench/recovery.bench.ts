// A worker killed mid-run: two worker processes (WORKER_CONCURRENCY 50) push
// BENCH_RECOVERY_ORDERS (3,000) orders to a sandbox that answers after 200 ms, so that each has
// its 50 jobs in flight; once the run's scan has ended and the sandbox has seen a sixth of the
// calls, one worker gets SIGKILL (a worker killed during the scan also stalls the scan: the orders
// not yet enqueued then wait for it too; `scanStalled` says when that happened).
// Measures the time from the kill to the last stalled job's outcome (the jobs the killed worker
// held, found by their stalled counter), with the production stalled-job settings
// (services/worker/src/worker-timing.ts: lock = SHOPSERVE_TIMEOUT_MS + 20 s, stalled check every
// 15 s), and the run's end. Run: pnpm bench recovery
import { Queue } from 'bullmq';
import { exportRunJob, QUEUE_NAMES } from '@shopserve-sync/queue';
import { MAX_STALLED_COUNT, STALLED_INTERVAL_MS } from '../../services/worker/src/worker-timing.ts';
import { round } from './bench-measure.ts';
import { sleep, spawnSandbox, type SandboxProcess } from './bench-processes.ts';
import { cell, repetitions, spread, writeResult } from './bench-support.ts';
import { envInt, runOurs, type RunningOurs } from './pipeline-harness.ts';

const SHOPS = 20;
const LATENCY_MS = 200;
const CONCURRENCY = 50;
/** The service's default SHOPSERVE_TIMEOUT_MS, which the lock duration follows. */
const SHOPSERVE_TIMEOUT_MS = 10_000;

interface RecoveryFigures {
  /** Jobs active (all workers) right before the kill. */
  activeAtKill: number;
  /** Jobs that ended with a stalled counter above 0: the killed worker's. */
  stalledJobs: number;
  /** Kill → first / last stalled job's outcome, s. */
  firstStalledOutcomeSeconds: number;
  lastStalledOutcomeSeconds: number;
  /** Kill → the last push job's outcome, s. */
  lastOutcomeSeconds: number;
  scanStalled: boolean;
  /** Kill → the run completed (the surviving worker also pushes the rest meanwhile), s. */
  killToRunEndSeconds: number;
  runSeconds: number;
}

async function killMidRun(
  running: RunningOurs,
  sandbox: SandboxProcess,
  orders: number,
): Promise<{ killedAt: number; activeAtKill: number }> {
  const queue = new Queue(QUEUE_NAMES.shippingUpdates, { connection: running.redis, prefix: running.prefix });
  const runs = new Queue(QUEUE_NAMES.exportRuns, { connection: running.redis, prefix: running.prefix });
  try {
    // After the scan (so that what stalls is pushes, not the scan) and a sixth of the calls.
    const scanJob = exportRunJob.jobId(running.runId);
    while ((await runs.getJobState(scanJob)) !== 'completed' || (await sandbox.stats()).total < orders / 6) {
      await sleep(50);
    }
    const activeAtKill = await queue.getActiveCount();
    const victim = running.workers[0];
    if (!victim) throw new Error('no worker to kill');
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.exited;
    return { killedAt, activeAtKill };
  } finally {
    await queue.close();
    await runs.close();
  }
}

interface FinishedJobs {
  /** End of every push job that stalled. */
  stalledEnds: number[];
  /** End of the last push job of all. */
  lastEnd: number;
  /** Whether the export run's own job (the scan) stalled too. */
  scanStalled: boolean;
}

/** Every finished job's stalled counter and end, read after the run completed. */
async function finishedJobs(redis: RunningOurs['redis'], prefix: string): Promise<FinishedJobs> {
  const pushes = new Queue(QUEUE_NAMES.shippingUpdates, { connection: redis, prefix });
  const runs = new Queue(QUEUE_NAMES.exportRuns, { connection: redis, prefix });
  try {
    const found: FinishedJobs = { stalledEnds: [], lastEnd: 0, scanStalled: false };
    for (let start = 0; ; start += 1_000) {
      const jobs = await pushes.getJobs(['completed', 'failed'], start, start + 999, true);
      if (jobs.length === 0) break;
      for (const job of jobs) {
        found.lastEnd = Math.max(found.lastEnd, job.finishedOn ?? 0);
        if (job.stalledCounter > 0) found.stalledEnds.push(job.finishedOn ?? NaN);
      }
    }
    const scans = await runs.getJobs(['completed', 'failed', 'active']);
    found.scanStalled = scans.some((job) => job.stalledCounter > 0);
    return found;
  } finally {
    await pushes.close();
    await runs.close();
  }
}

export async function recovery(): Promise<unknown> {
  const orders = envInt('BENCH_RECOVERY_ORDERS', 3_000);
  const reps = repetitions();
  await using sandbox = await spawnSandbox({ lenient: true, latency: { fixedMs: LATENCY_MS }, journalSize: 1_000 });
  const runs: RecoveryFigures[] = [];
  for (let rep = 0; rep < reps; rep += 1) {
    let killedAt = NaN;
    let runEndedAt = NaN;
    let activeAtKill = 0;
    let finished: FinishedJobs = { stalledEnds: [], lastEnd: NaN, scanStalled: false };
    const run = await runOurs({
      orders,
      shops: SHOPS,
      workers: 2,
      concurrency: CONCURRENCY,
      requestsPerSecond: 1_000,
      sandbox,
      during: async (running) => {
        ({ killedAt, activeAtKill } = await killMidRun(running, sandbox, orders));
      },
      afterRun: async (running) => {
        runEndedAt = Date.now();
        finished = await finishedJobs(running.redis, running.prefix);
      },
    });
    const ends = finished.stalledEnds;
    const figures: RecoveryFigures = {
      activeAtKill,
      stalledJobs: ends.length,
      firstStalledOutcomeSeconds: round((Math.min(...ends) - killedAt) / 1000, 2),
      lastStalledOutcomeSeconds: round((Math.max(...ends) - killedAt) / 1000, 2),
      lastOutcomeSeconds: round((finished.lastEnd - killedAt) / 1000, 2),
      scanStalled: finished.scanStalled,
      killToRunEndSeconds: round((runEndedAt - killedAt) / 1000, 2),
      runSeconds: run.seconds,
    };
    runs.push(figures);
    console.log(`  rep ${String(rep + 1)}/${String(reps)}: ${JSON.stringify(figures)}`);
  }
  const lockMs = SHOPSERVE_TIMEOUT_MS + 20_000;
  // Each worker checks on its own timer, and a check is skipped while the key of another's last
  // check (alive for one interval) is there: the killed worker's last check can cost one more.
  console.log(
    `\nlock ${String(lockMs / 1000)} s (SHOPSERVE_TIMEOUT_MS + 20 s), stalled check every ${String(STALLED_INTERVAL_MS / 1000)} s, ` +
      `max stalled count ${String(MAX_STALLED_COUNT)}: expected ${String(lockMs / 1000)}–${String((lockMs + STALLED_INTERVAL_MS) / 1000)} s ` +
      `plus the push, ${String((lockMs + 2 * STALLED_INTERVAL_MS) / 1000)} s when the killed worker's last check held the check's key`,
  );
  console.table([
    { measure: 'jobs active (both workers) at the kill', 'median (min–max)': cell(runs.map((r) => r.activeAtKill)) },
    { measure: "stalled jobs (the killed worker's)", 'median (min–max)': cell(runs.map((r) => r.stalledJobs)) },
    {
      measure: 'kill → first stalled outcome, s',
      'median (min–max)': cell(
        runs.map((r) => r.firstStalledOutcomeSeconds),
        1,
      ),
    },
    {
      measure: 'kill → last stalled outcome, s',
      'median (min–max)': cell(
        runs.map((r) => r.lastStalledOutcomeSeconds),
        1,
      ),
    },
    {
      measure: 'kill → last outcome of any push, s',
      'median (min–max)': cell(
        runs.map((r) => r.lastOutcomeSeconds),
        1,
      ),
    },
    {
      measure: 'kill → run completed (seen by polling), s',
      'median (min–max)': cell(
        runs.map((r) => r.killToRunEndSeconds),
        1,
      ),
    },
  ]);
  const result = {
    orders,
    latencyMs: LATENCY_MS,
    concurrency: CONCURRENCY,
    lockDurationMs: lockMs,
    stalledIntervalMs: STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
    lastStalledOutcomeSeconds: spread(runs.map((r) => r.lastStalledOutcomeSeconds)),
    runs,
  };
  console.log(`written to ${writeResult('recovery', result)}`);
  return result;
}
