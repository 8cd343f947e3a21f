// The baseline the pipeline is measured against: a bare BullMQ worker whose processor makes the
// one ShopServe call the job names, through the same HTTP client (undici, keep-alive pool) the
// service uses, and nothing else: no settings, no pacing, no ledger, no outcome records.
// Env: REDIS_URL, QUEUE_PREFIX, SANDBOX_URL, BASELINE_CONCURRENCY. Prints "baseline worker ready".
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createShopServeClient } from '@shopserve-sync/shopserve-client';
import { BASELINE_AUTH_KEY, BASELINE_QUEUE, type BaselineJobData } from './baseline-queue.ts';

const { REDIS_URL, QUEUE_PREFIX, SANDBOX_URL, BASELINE_CONCURRENCY } = process.env;
if (REDIS_URL === undefined || QUEUE_PREFIX === undefined || SANDBOX_URL === undefined) {
  throw new Error('REDIS_URL, QUEUE_PREFIX and SANDBOX_URL are required');
}
const concurrency = Number(BASELINE_CONCURRENCY ?? 50);

const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const client = createShopServeClient({ baseUrl: SANDBOX_URL, timeoutMs: 10_000, connections: concurrency });

const worker = new Worker<BaselineJobData>(
  BASELINE_QUEUE,
  async (job) => {
    const result = await client.updateShipping(
      { shopserveShopId: job.data.shopserveShopId, authKey: BASELINE_AUTH_KEY },
      job.data.orderNumber,
      job.data.update,
    );
    if (result.outcome !== 'updated') throw new Error(`not updated: ${result.outcome}`);
  },
  { connection, prefix: QUEUE_PREFIX, concurrency },
);
worker.on('error', (error) => {
  process.stderr.write(`worker error: ${String(error)}\n`);
});
await worker.waitUntilReady();
process.stdout.write('baseline worker ready\n');

process.once('SIGTERM', () => {
  void worker
    .close()
    .then(() => client.close())
    .then(() => {
      connection.disconnect();
      process.exit(0);
    });
});
