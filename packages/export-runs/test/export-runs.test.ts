import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, recordPushOutcome } from '@shopserve-sync/db';
import { createLogger } from '@shopserve-sync/logger';
import {
  createQueues,
  exportRunJob,
  producerConnection,
  QUEUE_NAMES,
  shippingUpdateJob,
  upsertExportSchedule,
  workerConnection,
  type ExportRunJobData,
  type ServiceQueues,
  type ShippingUpdateJobData,
} from '@shopserve-sync/queue';
import {
  isolatedDatabase,
  isolatedQueues,
  type IsolatedDatabase,
  type IsolatedQueues,
} from '../../../test/support/isolated.ts';
import {
  ExportRequestError,
  manualExportInputSchema,
  processExportRunJob,
  scanRun,
  triggerManualExport,
  type ScanDeps,
} from '../src/index.ts';
import { DAY, HOUR, insertOrders, insertShop } from './oms-fixtures.ts';

const log = createLogger({ service: 'test', level: 'silent' });

let db: IsolatedDatabase;
let queues: IsolatedQueues;
let connection: Redis;
let service: ServiceQueues;

beforeAll(async () => {
  db = await isolatedDatabase();
  queues = isolatedQueues();
  connection = producerConnection(queues.redisUrl, { enableOfflineQueue: true });
  service = createQueues(connection, queues.prefix);
});

afterAll(async () => {
  await service.close();
  connection.disconnect();
  await queues[Symbol.asyncDispose]();
  await db[Symbol.asyncDispose]();
});

/** A fresh set of shops per test, so tests in this file do not see each other's orders. */
let shopCounter = 0;
function shopName(): string {
  shopCounter += 1;
  return `t${shopCounter}-${Date.now().toString(36)}`;
}

async function pushJobsOf(shopId: string): Promise<ShippingUpdateJobData[]> {
  const jobs = await service.shippingUpdates.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
  return jobs.map((job) => job.data).filter((data) => data.shopId === shopId);
}

async function runManual(body: unknown, now = new Date(), scanOptions: Pick<ScanDeps, 'enqueueBatchSize'> = {}) {
  const result = await triggerManualExport(
    { pool: db.pool, exportRuns: service.exportRuns },
    manualExportInputSchema.parse(body),
    now,
  );
  if (result.kind !== 'queued') throw new Error('expected a queued run');
  const summary = await scanRun(
    { pool: db.pool, shippingUpdates: service.shippingUpdates, log, pageSize: 7, ...scanOptions },
    result.runId,
  );
  return { runId: result.runId, summary };
}

describe('manual runs', () => {
  it('honour shopIds and the window given as bare JST dates', async () => {
    const shop = shopName();
    const other = shopName();
    await insertShop(db.pool, shop, { orderApiEnabled: true, autoExport: false });
    await insertShop(db.pool, other, { orderApiEnabled: true, autoExport: true });
    const now = Date.now();
    await insertOrders(db.pool, [
      // 2026-11-20 JST spans 2026-11-19T15:00Z .. 2026-11-20T14:59:59.999Z
      {
        shopId: shop,
        orderNumber: '10000001',
        orderedAt: new Date(now - 30 * DAY),
        updatedAt: new Date('2026-11-19T15:00:00.000Z'),
      },
      {
        shopId: shop,
        orderNumber: '10000002',
        orderedAt: new Date(now - 30 * DAY),
        updatedAt: new Date('2026-11-20T14:59:59.999Z'),
      },
      {
        shopId: shop,
        orderNumber: '10000003',
        orderedAt: new Date(now - 30 * DAY),
        updatedAt: new Date('2026-11-19T14:59:59.999Z'),
      },
      {
        shopId: shop,
        orderNumber: '10000004',
        orderedAt: new Date(now - 30 * DAY),
        updatedAt: new Date('2026-11-20T15:00:00.000Z'),
      },
      {
        shopId: other,
        orderNumber: '10000001',
        orderedAt: new Date(now - 30 * DAY),
        updatedAt: new Date('2026-11-20T03:00:00.000Z'),
      },
    ]);

    const { runId, summary } = await runManual(
      { shopIds: [shop], updatedFrom: '2026-11-20', updatedTo: '2026-11-20' },
      new Date('2026-12-02T03:00:00Z'),
    );
    expect(summary?.eligible).toBe(2);
    const jobs = await pushJobsOf(shop);
    expect(jobs.map((job) => job.orderNumber).sort()).toEqual(['10000001', '10000002']);
    expect(jobs.every((job) => job.runId === runId)).toBe(true);
    expect(await pushJobsOf(other)).toEqual([]);
  });

  it('refuses unknown shops (404) and shops without the API option (409), recording nothing', async () => {
    const off = shopName();
    await insertShop(db.pool, off, { orderApiEnabled: false, autoExport: true });
    const deps = { pool: db.pool, exportRuns: service.exportRuns };
    await expect(
      triggerManualExport(deps, manualExportInputSchema.parse({ shopIds: ['nope-shop'] })),
    ).rejects.toMatchObject({
      code: 'shop_not_found',
    });
    await expect(triggerManualExport(deps, manualExportInputSchema.parse({ shopIds: [off] }))).rejects.toBeInstanceOf(
      ExportRequestError,
    );
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM shopserve_sync.export_runs WHERE $1 = ANY (shop_ids)`,
      [off],
    );
    expect(rows[0].n).toBe(0);
  });

  it('dry runs list every eligible order and the exact update, enqueueing nothing', async () => {
    const shop = shopName();
    await insertShop(db.pool, shop, { orderApiEnabled: true, autoExport: true });
    const now = Date.now();
    await insertOrders(db.pool, [
      {
        shopId: shop,
        orderNumber: '20000001',
        orderedAt: new Date(now - DAY),
        updatedAt: new Date(now - HOUR),
        trackingNumber: '１２３４－５６７８－９０１２',
        shippedOn: '2026-12-01',
      },
      {
        shopId: shop,
        orderNumber: '20000002',
        orderedAt: new Date(now - DAY),
        updatedAt: new Date(now - HOUR),
        carrier: 'ドローン便',
      },
      {
        shopId: shop,
        orderNumber: '20000003',
        orderedAt: new Date(now - DAY),
        updatedAt: new Date(now - HOUR),
        carrier: null,
        trackingNumber: null,
      },
    ]);
    const result = await triggerManualExport(
      { pool: db.pool, exportRuns: service.exportRuns },
      manualExportInputSchema.parse({ shopIds: [shop], dryRun: true }),
    );
    expect(result.kind).toBe('dry_run');
    if (result.kind !== 'dry_run') return;
    expect(result.count).toBe(3);
    const byNumber = Object.fromEntries(result.orders.map((o) => [o.orderNumber, o]));
    expect(byNumber['20000001']?.update).toEqual({
      shippingStatus: 'Shipped',
      deliveryCompanyCode: 'YAMATO',
      slipNumber: '1234-5678-9012',
      scheduledShipDate: '2026-12-01',
    });
    expect(byNumber['20000002']).toMatchObject({ update: null, outcome: 'unknown_carrier' });
    expect(byNumber['20000003']).toMatchObject({ update: null, outcome: 'tracking_number_missing' });
    expect(await pushJobsOf(shop)).toEqual([]);
  });
});

describe('a run', () => {
  it('skips orders unchanged since their last final outcome unless forced, and its counts add up', async () => {
    const shop = shopName();
    await insertShop(db.pool, shop, { orderApiEnabled: true, autoExport: true });
    const now = Date.now();
    const ids = await insertOrders(
      db.pool,
      Array.from({ length: 20 }, (_, i) => ({
        shopId: shop,
        orderNumber: String(30000001 + i),
        orderedAt: new Date(now - 2 * DAY),
        updatedAt: new Date(now - HOUR),
        trackingNumber: `5555-0000-${String(i).padStart(4, '0')}`,
      })),
    );

    const first = await runManual({ shopIds: [shop] });
    expect(first.summary).toMatchObject({ eligible: 20, enqueued: 20, skippedUnchanged: 0 });
    // Every push of the first run ends: 15 updated, 5 tracking-number-missing.
    const jobs = await pushJobsOf(shop);
    for (const [index, job] of jobs.entries()) {
      await recordPushOutcome(db.pool, {
        jobId: `push-${job.orderId}-g${job.generation}-${job.contentHash}`,
        orderId: job.orderId,
        shopId: job.shopId,
        orderNumber: job.orderNumber,
        runId: job.runId,
        outcome: index < 15 ? 'updated' : 'tracking_number_missing',
        contentHash: job.contentHash,
        attempts: 1,
      });
    }
    const firstRun = await getRun(db.pool, first.runId);
    expect(firstRun?.state).toBe('completed');
    expect(firstRun?.counts).toEqual({
      eligible: 20,
      enqueued: 20,
      skippedUnchanged: 0,
      updated: 15,
      trackingNumberMissing: 5,
      failed: 0,
      pending: 0,
    });

    // One order changes in the OMS.
    await db.pool.query(`UPDATE orders SET tracking_number = '9999-0000-0001' WHERE id = $1`, [ids[0]]);
    const second = await runManual({ shopIds: [shop] });
    expect(second.summary).toMatchObject({ eligible: 20, enqueued: 1, skippedUnchanged: 19 });
    const secondRun = await getRun(db.pool, second.runId);
    expect(secondRun?.counts).toMatchObject({ eligible: 20, enqueued: 1, skippedUnchanged: 19, pending: 1 });
    expect(secondRun?.state).toBe('running');

    const forced = await runManual({ shopIds: [shop], force: true });
    // The changed order's push is still in flight: same content, same job; the other 19 are new jobs.
    expect(forced.summary).toMatchObject({ eligible: 20, enqueued: 20, skippedUnchanged: 0 });
    expect((await pushJobsOf(shop)).length).toBe(20 + 1 + 19);
  });

  it('adds a page’s pushes in batches: the jobs, job ids and counts of one bulk per page', async () => {
    const shop = shopName();
    await insertShop(db.pool, shop, { orderApiEnabled: true, autoExport: true });
    const now = Date.now();
    await insertOrders(
      db.pool,
      Array.from({ length: 23 }, (_, i) => ({
        shopId: shop,
        orderNumber: String(60000001 + i),
        orderedAt: new Date(now - 2 * DAY),
        updatedAt: new Date(now - HOUR),
        // Every fifth has neither carrier nor tracking number: a known outcome, under its own job name.
        ...(i % 5 === 0
          ? { carrier: null, trackingNumber: null }
          : { trackingNumber: `6666-0000-${String(i).padStart(4, '0')}` }),
      })),
    );

    // Pages of 7, batches of 3: batches end inside pages and pages end inside batches.
    const batched = await runManual({ shopIds: [shop] }, new Date(), { enqueueBatchSize: 3 });
    expect(batched.summary).toMatchObject({ eligible: 23, enqueued: 23, skippedUnchanged: 0, badData: 0 });
    const jobs = (await service.shippingUpdates.getJobs(['waiting', 'delayed', 'prioritized'])).filter(
      (job) => job.data.shopId === shop,
    );
    expect(jobs).toHaveLength(23);
    for (const job of jobs) {
      expect(job.id).toBe(shippingUpdateJob.jobId(job.data));
      expect(job.name).toBe(
        job.data.plan.kind === 'send' ? shippingUpdateJob.names.push : shippingUpdateJob.names.knownOutcome,
      );
    }
    expect(jobs.filter((job) => job.name === shippingUpdateJob.names.knownOutcome)).toHaveLength(5);
    const { rows } = await db.pool.query<{ job_id: string }>(
      'SELECT job_id FROM shopserve_sync.run_orders WHERE run_id = $1',
      [batched.runId],
    );
    expect(rows.map((row) => row.job_id).sort()).toEqual(jobs.map((job) => job.id).sort());
    expect((await getRun(db.pool, batched.runId))?.counts).toMatchObject({ eligible: 23, enqueued: 23, pending: 23 });

    // One bulk per page plans the very same jobs: nothing new is added.
    const oneBulk = await runManual({ shopIds: [shop] }, new Date(), { enqueueBatchSize: 1_000 });
    expect(oneBulk.summary).toMatchObject({ eligible: 23, enqueued: 23, skippedUnchanged: 0 });
    expect((await pushJobsOf(shop)).length).toBe(23);
  });

  it('lets shops take turns in the queue: each push ranked among its shop’s pushes of the run', async () => {
    const big = shopName();
    const small = shopName();
    const now = Date.now();
    for (const [shop, count] of [
      [big, 9],
      [small, 3],
    ] as const) {
      await insertShop(db.pool, shop, { orderApiEnabled: true, autoExport: true });
      await insertOrders(
        db.pool,
        Array.from({ length: count }, (_, i) => ({
          shopId: shop,
          orderNumber: String(61000001 + i),
          orderedAt: new Date(now - 2 * DAY),
          updatedAt: new Date(now - HOUR),
          trackingNumber: `6100-0000-${String(i).padStart(4, '0')}`,
        })),
      );
    }
    // Pages of 7, batches of 2: the ranks run on across batches and pages.
    await runManual({ shopIds: [big, small] }, new Date(), { enqueueBatchSize: 2 });
    const prioritized = await service.shippingUpdates.getJobs(['prioritized']);
    const ranks = (shop: string) =>
      prioritized
        .filter((job) => job.data.shopId === shop)
        .map((job) => job.opts.priority)
        .sort((a = 0, b = 0) => a - b);
    expect(ranks(big)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ranks(small)).toEqual([1, 2, 3]);
    // BullMQ hands out the lowest number first: the small shop's three come before the big one's fourth.
    expect(shippingUpdateJob.priorityOfRank(0)).toBe(1);
    expect(shippingUpdateJob.priorityOfRank(10_000_000)).toBe(2_097_152);
  });

  it('enqueues each order’s content once when ten runs overlap', async () => {
    const shop = shopName();
    await insertShop(db.pool, shop, { orderApiEnabled: true, autoExport: true });
    const now = Date.now();
    await insertOrders(
      db.pool,
      Array.from({ length: 30 }, (_, i) => ({
        shopId: shop,
        orderNumber: String(40000001 + i),
        orderedAt: new Date(now - 2 * DAY),
        updatedAt: new Date(now - HOUR),
      })),
    );
    const runs = await Promise.all(Array.from({ length: 10 }, () => runManual({ shopIds: [shop] })));
    expect(runs.every((run) => run.summary?.enqueued === 30)).toBe(true);
    const jobs = await pushJobsOf(shop);
    expect(jobs.length).toBe(30);
    expect(new Set(jobs.map((job) => job.orderId)).size).toBe(30);
  });
});

describe('the schedule', () => {
  it('leaves exactly one scheduler and one pending scheduled job after concurrent upserts', async () => {
    await using own = isolatedQueues();
    const connections = Array.from({ length: 8 }, () => workerConnection(own.redisUrl));
    const queuesOfProcesses = connections.map(
      (c) => new Queue<ExportRunJobData>(QUEUE_NAMES.exportRuns, { connection: c, prefix: own.prefix }),
    );
    await Promise.all(queuesOfProcesses.map((q) => upsertExportSchedule(q, 30)));
    const [queue] = queuesOfProcesses;
    if (!queue) throw new Error('no queue');
    expect(await queue.getJobSchedulersCount()).toBe(1);
    const pending = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
    expect(pending.filter((job) => job.name === exportRunJob.names.schedule)).toHaveLength(1);

    await upsertExportSchedule(queue, 15);
    const [scheduler] = await queue.getJobSchedulers();
    expect(scheduler?.every).toBe(15 * 60_000);
    expect(await queue.getJobSchedulersCount()).toBe(1);

    await Promise.all(queuesOfProcesses.map((q) => q.close()));
    for (const c of connections) c.disconnect();
  });

  it('runs cover only the shops with the API option and automatic export on', async () => {
    await using own = isolatedQueues();
    await using ownDb = await isolatedDatabase();
    const now = Date.now();
    await insertShop(ownDb.pool, 'auto', { orderApiEnabled: true, autoExport: true });
    await insertShop(ownDb.pool, 'manual-only', { orderApiEnabled: true, autoExport: false });
    await insertShop(ownDb.pool, 'no-api', { orderApiEnabled: false, autoExport: true });
    await insertShop(ownDb.pool, 'no-settings', null);
    for (const shopId of ['auto', 'manual-only', 'no-api', 'no-settings']) {
      await insertOrders(ownDb.pool, [
        { shopId, orderNumber: '50000001', orderedAt: new Date(now - DAY), updatedAt: new Date(now - HOUR) },
      ]);
    }
    const connectionA = workerConnection(own.redisUrl);
    const ownQueues = createQueues(connectionA, own.prefix);
    const workerConnectionB = workerConnection(own.redisUrl);
    const worker = new Worker<ExportRunJobData>(
      QUEUE_NAMES.exportRuns,
      (job) => processExportRunJob({ pool: ownDb.pool, shippingUpdates: ownQueues.shippingUpdates, log }, job),
      { connection: workerConnectionB, prefix: own.prefix },
    );
    const completed = new Promise<void>((resolve) => {
      worker.once('completed', () => {
        resolve();
      });
    });
    await upsertExportSchedule(ownQueues.exportRuns, 30);
    await completed;

    const jobs = await ownQueues.shippingUpdates.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.map((job) => job.data.shopId)).toEqual(['auto']);
    const [run] = await listRuns(ownDb.pool, 10);
    expect(run).toMatchObject({
      trigger: 'schedule',
      state: 'running',
      counts: { eligible: 1, enqueued: 1, pending: 1 },
    });
    expect(await listRuns(ownDb.pool, 10)).toHaveLength(1);

    await worker.close();
    await ownQueues.close();
    connectionA.disconnect();
    workerConnectionB.disconnect();
  });
});
