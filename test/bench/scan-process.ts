// One export run scanned as a worker scans it, in a process of its own started as the worker is
// (node, WORKER_NODE_FLAGS, tsx), so that its time and peak memory are the worker's: a manual
// run's job on the export-runs queue, taken by a BullMQ worker running `processExportRunJob`
// with the worker's clocks. The pushes it enqueues wait: no push worker runs here.
// Usage: node <flags> --import tsx scan-process.ts <databaseUrl> <redisUrl> <prefix>; prints one JSON line.
import { readFileSync } from 'node:fs';
import { Worker } from 'bullmq';
import { serviceEnvSchema } from '@shopserve-sync/config';
import { createPool, createRun, getRun } from '@shopserve-sync/db';
import { processExportRunJob, type ScanSummary } from '@shopserve-sync/export-runs';
import { resolveExportWindow } from '@shopserve-sync/eligibility';
import { createLogger } from '@shopserve-sync/logger';
import {
  addManualExportRun,
  createQueues,
  exportRunJob,
  workerConnection,
  type ExportRunJobData,
} from '@shopserve-sync/queue';
import { workerPoolSize, workerTiming } from '../../services/worker/src/worker-timing.ts';

const [databaseUrl, redisUrl, prefix] = process.argv.slice(2);
if (!databaseUrl || !redisUrl || !prefix) throw new Error('usage: scan-process.ts <databaseUrl> <redisUrl> <prefix>');

/**
 * The peak resident size of this process's own memory, in MB. Linux's `VmHWM`, not
 * `resourceUsage().maxRSS`: the latter also counts what the process held before its `exec`, a
 * copy of its parent's memory (the benchmark's, when spawned from it).
 */
function peakRssMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (hwm !== undefined) return Number(hwm) / 1024;
  } catch {
    // not Linux: fall back to maxRSS below
  }
  return process.resourceUsage().maxRSS / 1024;
}

// The worker's defaults, as `main.ts` would configure them with no environment set.
const defaults = serviceEnvSchema.parse({});
const timing = workerTiming(defaults.SHOPSERVE_TIMEOUT_MS);
const pool = createPool(databaseUrl, {
  max: workerPoolSize(defaults.WORKER_CONCURRENCY),
  applicationName: 'shopserve-sync-bench-scan',
});
const connection = workerConnection(redisUrl);
const queues = createQueues(connection, prefix);
const log = createLogger({ service: 'bench-scan', level: 'warn' });

const runId = await createRun(pool, {
  trigger: 'manual',
  shopIds: null,
  window: resolveExportWindow({}, new Date()),
  force: false,
});
const started = performance.now();
const cpuBefore = process.cpuUsage();
const scanned = new Promise<ScanSummary | null>((resolve, reject) => {
  const worker = new Worker<ExportRunJobData, ScanSummary | null>(
    exportRunJob.queue,
    (job) => processExportRunJob({ pool, shippingUpdates: queues.shippingUpdates, log }, job),
    {
      connection,
      prefix,
      stalledInterval: timing.stalledIntervalMs,
      maxStalledCount: timing.maxStalledCount,
      lockDuration: timing.lockDurationMs,
      concurrency: timing.exportRunConcurrency,
      name: 'export-run-worker',
    },
  );
  worker.on('completed', (_job, summary) => {
    worker.close().then(() => {
      resolve(summary);
    }, reject);
  });
  worker.on('failed', (_job, error) => {
    // Any failed attempt ends the measurement: the figures are those of one scan.
    worker.close().then(() => {
      reject(error);
    }, reject);
  });
});
await addManualExportRun(queues.exportRuns, runId);
const summary = await scanned;
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const run = await getRun(pool, runId);
process.stdout.write(
  `${JSON.stringify({ runId, seconds, cpuSeconds, peakRssMB: peakRssMB(), summary, counts: run?.counts })}\n`,
);
await queues.close();
connection.disconnect();
await pool.end();
