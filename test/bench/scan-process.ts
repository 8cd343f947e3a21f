// One export run's scan in a process of its own, so that its time and peak memory are its own.
// Usage: tsx scan-process.ts <databaseUrl> <redisUrl> <prefix>; prints one JSON line.
import { createPool, createRun, getRun } from '@shopserve-sync/db';
import { scanRun } from '@shopserve-sync/export-runs';
import { resolveExportWindow } from '@shopserve-sync/eligibility';
import { createLogger } from '@shopserve-sync/logger';
import { createQueues, workerConnection } from '@shopserve-sync/queue';

const [databaseUrl, redisUrl, prefix] = process.argv.slice(2);
if (!databaseUrl || !redisUrl || !prefix) throw new Error('usage: scan-process.ts <databaseUrl> <redisUrl> <prefix>');

const pool = createPool(databaseUrl, { max: 4 });
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
const summary = await scanRun({ pool, shippingUpdates: queues.shippingUpdates, log }, runId);
const seconds = (performance.now() - started) / 1000;
const run = await getRun(pool, runId);
process.stdout.write(
  `${JSON.stringify({ runId, seconds, peakRssMB: process.resourceUsage().maxRSS / 1024, summary, counts: run?.counts })}\n`,
);
await queues.close();
connection.disconnect();
await pool.end();
