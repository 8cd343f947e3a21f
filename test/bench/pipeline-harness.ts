// One measured run of the service (API + worker processes, a manual export to its last outcome)
// or of the bare-BullMQ baseline, against a sandbox the benchmark started, with the figures that
// say where the time went. Each run has its own database and QUEUE_PREFIX, deleted afterwards.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { QUEUE_NAMES } from '@shopserve-sync/queue';
import { BASELINE_QUEUE, type BaselineJobData } from './baseline-queue.ts';
import {
  pgBackendCpu,
  pgBackendCpuSeconds,
  pgFigures,
  pgSnapshot,
  redisFigures,
  redisSnapshot,
  round,
  sampleBackendWaits,
  type RedisFigures,
} from './bench-measure.ts';
import { baselineJob, benchOrders, insertBenchData } from './bench-orders.ts';
import {
  BENCH_API_TOKEN,
  sleep,
  spawnApi,
  spawnBaselineWorker,
  spawnWorker,
  waitUntil,
  type ApiProcess,
  type BenchProcess,
  type SandboxProcess,
} from './bench-processes.ts';
import { adminDatabaseUrl, benchDatabase, benchQueuePrefix, benchRedisUrl } from './bench-support.ts';

/** How often the run's state is read, as a client following it would (each read settles the run). */
const POLL_MS = 500;

export interface RunFigures {
  system: 'ours' | 'baseline';
  orders: number;
  /**
   * From the start (ours: the POST; baseline: the first addBulk) to the last outcome (ours: the
   * last push_outcomes row's commit time; baseline: the last job's finishedOn): what the issue
   * measures, whatever the poll's interval.
   */
  seconds: number;
  ordersPerSecond: number;
  /** Until the poll saw the end (ours every 500 ms, the baseline every 100 ms): the CPU window. */
  observedSeconds: number;
  redis: RedisFigures;
  /** pg_stat_database deltas per job (ours only: the baseline does not use PostgreSQL). */
  postgres?: Record<string, number>;
  /** CPU seconds during the measured interval, by process. */
  cpuSeconds: Record<string, number>;
  /** The run's counts as GET /v1/exports/{runId} ended with them (ours only). */
  counts?: Record<string, number>;
  /**
   * Samples (every 50 ms) of the service's PostgreSQL backends that were not idle, by
   * application and what they were doing: `running`, or the wait event (`Lock:transactionid`
   * = waiting for another transaction's row lock, `IO:WALSync` = waiting for the commit to reach
   * the disk, `Client:ClientRead` = idle in a transaction, waiting for the program).
   */
  postgresWaits?: Record<string, Record<string, number>>;
  /** Whatever the `during` hook returned. */
  extra?: unknown;
}

export interface SystemOptions {
  orders: number;
  shops: number;
  /** Worker processes. */
  workers: number;
  /** WORKER_CONCURRENCY (or the baseline worker's concurrency) per process. */
  concurrency: number;
  sandbox: SandboxProcess;
}

export interface OursOptions extends SystemOptions {
  requestsPerSecond: number;
  /** Runs while the export runs (after the trigger); its answer lands in `extra`. */
  during?: (running: RunningOurs) => Promise<unknown>;
  /** Runs once the run completed, before the processes stop. */
  afterRun?: (running: RunningOurs) => Promise<void>;
  /** Longest wait for the run's end. Default 15 min. */
  timeoutMs?: number;
}

export interface RunningOurs {
  runId: string;
  workers: BenchProcess[];
  prefix: string;
  redis: Redis;
}

async function cpuOf(processes: readonly BenchProcess[]): Promise<Map<string, number>> {
  await Promise.resolve();
  return new Map(processes.map((p) => [p.role, p.cpuSeconds()]));
}

function cpuDelta(
  before: Map<string, number>,
  after: Map<string, number>,
  extra: Record<string, number>,
): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [role, seconds] of after) delta[role] = round(seconds - (before.get(role) ?? 0), 2);
  for (const [role, seconds] of Object.entries(extra)) delta[role] = round(seconds, 2);
  return delta;
}

function driverCpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function waitForWorkers(queue: Queue, count: number, processes: readonly BenchProcess[]): Promise<void> {
  for (const p of processes) {
    await waitUntil(
      `${p.role} (${String(count)} workers on ${queue.name})`,
      p,
      async () => (await queue.getWorkersCount()) >= count,
    );
  }
}

interface ExportRunView {
  state: string;
  counts: Record<string, number>;
  error: string | null;
}

async function api<T>(server: ApiProcess, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${BENCH_API_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** When the run's last outcome was committed (ms since the epoch, PostgreSQL's clock: this machine's). */
async function lastOutcomeAt(databaseUrl: string, runId: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ last: number | null }>(
      `SELECT (extract(epoch FROM max(finished_at)) * 1000)::float8 AS last
         FROM shopserve_sync.push_outcomes WHERE run_id = $1`,
      [runId],
    );
    const last = rows[0]?.last;
    if (last === null || last === undefined) throw new Error(`run ${runId} has no outcomes`);
    return last;
  } finally {
    await client.end();
  }
}

/** A manual export through the API, polled to its end: scan, dedupe, enqueue, push, ledger, counts. */
export async function runOurs(options: OursOptions): Promise<RunFigures> {
  await using database = await benchDatabase();
  await using queuePrefix = benchQueuePrefix();
  const { prefix } = queuePrefix;
  const orders = benchOrders(options.orders, options.shops);
  await insertBenchData(database.url, options.shops, orders);

  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: benchRedisUrl,
    QUEUE_PREFIX: prefix,
    SHOPSERVE_API_BASE_URL: options.sandbox.url,
  };
  const processes: BenchProcess[] = [];
  const redis = new Redis(benchRedisUrl);
  const queue = new Queue(QUEUE_NAMES.shippingUpdates, { connection: redis, prefix });
  try {
    const server = await spawnApi(env);
    processes.push(server);
    const workers = Array.from({ length: options.workers }, (_, i) =>
      spawnWorker(
        env,
        { concurrency: options.concurrency, requestsPerSecond: options.requestsPerSecond },
        `worker-${String(i + 1)}`,
      ),
    );
    processes.push(...workers);
    await waitForWorkers(queue, options.workers, workers);
    await options.sandbox.clear();
    // The loaders' statistics reach pg_stat_database when their connections end.
    await sleep(1_200);

    const measured = [...processes, options.sandbox];
    const [redisBefore, pgBefore, backendsBefore, cpuBefore] = await Promise.all([
      redisSnapshot(redis),
      pgSnapshot(adminDatabaseUrl, database.name),
      pgBackendCpu(adminDatabaseUrl, database.name),
      cpuOf(measured),
    ]);
    const driverBefore = process.cpuUsage();
    const waits = sampleBackendWaits(adminDatabaseUrl, database.name);
    const startedAtMs = Date.now();
    const { runId } = await api<{ runId: string }>(server, 'POST', '/v1/exports', {});
    const running: RunningOurs = { runId, workers, prefix, redis };
    const during = options.during?.(running);
    const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
    let run: ExportRunView;
    for (;;) {
      run = await api<ExportRunView>(server, 'GET', `/v1/exports/${runId}`);
      if (run.state === 'completed' || run.state === 'failed') break;
      if (Date.now() > deadline) throw new Error(`run ${runId} not done in time: ${JSON.stringify(run.counts)}`);
      await sleep(POLL_MS);
    }
    const observedSeconds = (Date.now() - startedAtMs) / 1000;
    const [redisAfter, backendsAfter, cpuAfter] = await Promise.all([
      redisSnapshot(redis),
      pgBackendCpu(adminDatabaseUrl, database.name),
      cpuOf(measured),
    ]);
    const driver = driverCpuSeconds(driverBefore);
    const postgresWaits = await waits.stop();
    const extra = await during;
    await options.afterRun?.(running);
    if (run.state !== 'completed') throw new Error(`run ${runId} ${run.state}: ${run.error ?? ''}`);
    if (run.counts.updated !== options.orders) {
      throw new Error(
        `run ${runId}: ${String(run.counts.updated)} of ${String(options.orders)} updated: ${JSON.stringify(run.counts)}`,
      );
    }

    const seconds = ((await lastOutcomeAt(database.url, runId)) - startedAtMs) / 1000;

    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    await sleep(500);
    const pgAfter = await pgSnapshot(adminDatabaseUrl, database.name);
    return {
      system: 'ours',
      orders: options.orders,
      seconds: round(seconds, 2),
      ordersPerSecond: round(options.orders / seconds),
      observedSeconds: round(observedSeconds, 2),
      redis: redisFigures(redisBefore, redisAfter, options.orders),
      postgres: pgFigures(pgBefore, pgAfter, options.orders),
      cpuSeconds: cpuDelta(cpuBefore, cpuAfter, {
        ...pgBackendCpuSeconds(backendsBefore, backendsAfter),
        'redis-server': redisAfter.cpuSeconds - redisBefore.cpuSeconds,
        driver,
      }),
      counts: run.counts,
      postgresWaits,
      extra,
    };
  } catch (error) {
    throw withProcessOutput(error, processes);
  } finally {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await queue.close();
    redis.disconnect();
  }
}

/** A benchmark's failure with the tail of what each of its processes printed. */
function withProcessOutput(error: unknown, processes: readonly BenchProcess[]): Error {
  const outputs = processes.map((p) => `--- ${p.role}\n${p.output().slice(-4_000)}`).join('\n');
  return new Error(`${error instanceof Error ? error.message : String(error)}\n${outputs}`, { cause: error });
}

/** The baseline: addBulk of one job per order, consumed by bare BullMQ worker processes. */
export async function runBaseline(options: SystemOptions): Promise<RunFigures> {
  await using queuePrefix = benchQueuePrefix();
  const { prefix } = queuePrefix;
  const jobs = benchOrders(options.orders, options.shops).map(baselineJob);
  const processes: BenchProcess[] = [];
  const redis = new Redis(benchRedisUrl);
  const queue = new Queue<BaselineJobData>(BASELINE_QUEUE, { connection: redis, prefix });
  try {
    for (let i = 0; i < options.workers; i += 1) {
      processes.push(
        await spawnBaselineWorker(
          { REDIS_URL: benchRedisUrl, QUEUE_PREFIX: prefix, SANDBOX_URL: options.sandbox.url },
          options.concurrency,
          `baseline-worker-${String(i + 1)}`,
        ),
      );
    }
    await waitForWorkers(queue, options.workers, processes);
    await options.sandbox.clear();

    const measured = [...processes, options.sandbox];
    const [redisBefore, cpuBefore] = await Promise.all([redisSnapshot(redis), cpuOf(measured)]);
    const driverBefore = process.cpuUsage();
    const startedAtMs = Date.now();
    for (let start = 0; start < jobs.length; start += 1_000) {
      await queue.addBulk(jobs.slice(start, start + 1_000).map((data) => ({ name: 'push', data })));
    }
    const deadline = Date.now() + 15 * 60_000;
    for (;;) {
      const counts = await queue.getJobCounts('completed', 'failed');
      if ((counts.failed ?? 0) > 0) throw new Error(`baseline: ${String(counts.failed)} jobs failed`);
      if ((counts.completed ?? 0) >= jobs.length) break;
      if (Date.now() > deadline) throw new Error(`baseline not done in time: ${JSON.stringify(counts)}`);
      await sleep(100);
    }
    const observedSeconds = (Date.now() - startedAtMs) / 1000;
    const [redisAfter, cpuAfter] = await Promise.all([redisSnapshot(redis), cpuOf(measured)]);
    const driver = driverCpuSeconds(driverBefore);
    // The completed set is scored by finishedOn: its newest is the last job to end.
    const [last] = await queue.getJobs(['completed'], 0, 0, false);
    if (last?.finishedOn === undefined) throw new Error('baseline: no finished job');
    const seconds = (last.finishedOn - startedAtMs) / 1000;
    return {
      system: 'baseline',
      orders: options.orders,
      seconds: round(seconds, 2),
      ordersPerSecond: round(options.orders / seconds),
      observedSeconds: round(observedSeconds, 2),
      redis: redisFigures(redisBefore, redisAfter, options.orders),
      cpuSeconds: cpuDelta(cpuBefore, cpuAfter, {
        'redis-server': redisAfter.cpuSeconds - redisBefore.cpuSeconds,
        'driver (addBulk)': driver,
      }),
    };
  } catch (error) {
    throw withProcessOutput(error, processes);
  } finally {
    // SIGTERM: a worker started with BENCH_CPU_PROFILE_DIR writes its profile as it exits.
    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    await queue.close();
    redis.disconnect();
  }
}

/** Environment override as a positive integer. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}
