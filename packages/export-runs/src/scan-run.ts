import type { Queue } from 'bullmq';
import {
  addScanCounts,
  exportableShopIds,
  finishScan,
  getRunSpec,
  registerRunOrders,
  startScan,
  type Pool,
} from '@shopserve-sync/db';
import { orderPages, unknownStatusOrdersQuery } from '@shopserve-sync/eligibility';
import type { Logger } from '@shopserve-sync/logger';
import { addShippingUpdates, shippingUpdateJob, type ShippingUpdateJobData } from '@shopserve-sync/queue';
import { plannedOrderPages, type PlannedOrder } from './planned-order-pages.ts';

/** Shops scanned at once by one run. */
const SHOPS_AT_ONCE = 4;

export interface ScanDeps {
  pool: Pool;
  shippingUpdates: Queue<ShippingUpdateJobData>;
  log: Logger;
  /** Orders read, planned and registered with the run per step: bounds memory whatever the table's size. Default 1,000. */
  pageSize?: number;
  /**
   * Pushes per `addBulk`, a page's pushes added in turn. A bulk's jobs and Redis commands stay
   * alive until Redis answers; kept small, fewer of them outlive a young-generation collection and
   * pile up as old garbage. Default 100.
   */
  enqueueBatchSize?: number;
}

export interface ScanSummary {
  runId: string;
  shops: number;
  eligible: number;
  enqueued: number;
  skippedUnchanged: number;
  badData: number;
}

/** The shops a run covers: those named, else every shop with the API option (and, when scheduled, automatic export). */
async function shopsOfRun(pool: Pool, spec: { trigger: string; shopIds: readonly string[] | null }): Promise<string[]> {
  if (spec.shopIds) return [...spec.shopIds];
  return exportableShopIds(pool, { autoExportOnly: spec.trigger === 'schedule' });
}

/** A planned page's jobs to add, and its counts. */
function pushesOfPage(planned: readonly PlannedOrder[]): {
  jobs: ShippingUpdateJobData[];
  eligible: number;
  skipped: number;
} {
  const jobs: ShippingUpdateJobData[] = [];
  let skipped = 0;
  for (const { push } of planned) {
    if (push.action === 'skip_unchanged') skipped += 1;
    else jobs.push(push.job);
  }
  return { jobs, eligible: planned.length, skipped };
}

/**
 * Finds a run's eligible orders shop by shop, in keyset pages, and enqueues one push per order
 * whose content changed since its last final outcome (or every one, when forced). Each page is
 * registered with the run before its jobs are added, so that no outcome can end before the run
 * waits for it. Running it again for the same run (a retry) starts the counts over and enqueues
 * nothing twice: job ids come from order, generation and content.
 */
export async function scanRun(deps: ScanDeps, runId: string): Promise<ScanSummary | null> {
  const { pool, log } = deps;
  const pageSize = deps.pageSize ?? 1_000;
  const enqueueBatchSize = deps.enqueueBatchSize ?? 100;
  if (!Number.isSafeInteger(enqueueBatchSize) || enqueueBatchSize < 1)
    throw new RangeError(`enqueueBatchSize must be a positive integer: ${String(enqueueBatchSize)}`);
  const spec = await getRunSpec(pool, runId);
  if (!spec) throw new Error(`export run ${runId} does not exist`);
  if (spec.state === 'completed' || spec.state === 'failed') return null;

  await startScan(pool, runId);
  const shopIds = await shopsOfRun(pool, spec);
  const summary: ScanSummary = {
    runId,
    shops: shopIds.length,
    eligible: 0,
    enqueued: 0,
    skippedUnchanged: 0,
    badData: 0,
  };
  // Calendar rules (one year, four days) are judged as of the run's creation, as its window is.
  const now = spec.createdAt;

  const { window, force } = spec;

  async function scanShop(shopId: string): Promise<void> {
    const selection = { shopId, window, now, limit: pageSize };
    let nextRank = 1;
    const planning = { ...selection, force, runId, pageSize };
    for await (const planned of plannedOrderPages(pool, planning)) {
      // Only the jobs live on past this point: the page's rows are garbage while its pushes are added.
      const { jobs, eligible, skipped } = pushesOfPage(planned);
      await registerRunOrders(
        pool,
        runId,
        jobs.map((job) => ({ orderId: job.orderId, jobId: shippingUpdateJob.jobId(job) })),
      );
      for (let start = 0; start < jobs.length; start += enqueueBatchSize) {
        const batch = jobs.slice(start, start + enqueueBatchSize);
        await addShippingUpdates(deps.shippingUpdates, batch, { firstRank: nextRank });
        nextRank += batch.length;
      }
      await addScanCounts(pool, runId, { eligible, skippedUnchanged: skipped, badData: 0 });
      summary.eligible += eligible;
      summary.enqueued += jobs.length;
      summary.skippedUnchanged += skipped;
    }

    for await (const orders of orderPages(pool, unknownStatusOrdersQuery, selection)) {
      for (const order of orders) {
        log.warn(
          { runId, shopId, orderId: order.id, orderNumber: order.order_number, status: order.status },
          'order has an unknown status value: not exported; correct it in the OMS',
        );
      }
      await addScanCounts(pool, runId, { eligible: 0, skippedUnchanged: 0, badData: orders.length });
      summary.badData += orders.length;
    }
  }

  // A few shops at a time: every shop's first pushes are in the queue early (ranks interleave
  // them), instead of the last shop's waiting for all the others to be scanned.
  const pending = [...shopIds];
  let stopped = false;
  const scanners = Array.from({ length: Math.min(SHOPS_AT_ONCE, pending.length) }, async () => {
    for (let shopId = pending.shift(); shopId !== undefined && !stopped; shopId = pending.shift()) {
      try {
        await scanShop(shopId);
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  });
  const failure = (await Promise.allSettled(scanners)).find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;

  await finishScan(pool, runId);
  return summary;
}
