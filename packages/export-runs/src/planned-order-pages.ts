import { ledgerEntries, type OmsOrderRow, type Pool } from '@shopserve-sync/db';
import { eligibleOrdersQuery, orderPages, type ExportWindow } from '@shopserve-sync/eligibility';
import { planOrderPush, type PushPlan } from './plan-order-push.ts';

export interface PlannedOrder {
  order: OmsOrderRow;
  push: PushPlan;
}

/**
 * A shop's eligible orders in keyset pages, each with what a run would do with it (push or skip
 * as unchanged) — the one reading that runs and dry runs share.
 */
export async function* plannedOrderPages(
  pool: Pool,
  selection: { shopId: string; window: ExportWindow; now: Date; force: boolean; runId?: string; pageSize: number },
): AsyncGenerator<PlannedOrder[], void, undefined> {
  const { shopId, window, now, force, runId, pageSize } = selection;
  for await (const orders of orderPages(pool, eligibleOrdersQuery, { shopId, window, now, limit: pageSize })) {
    const ledger = await ledgerEntries(
      pool,
      orders.map((order) => order.id),
    );
    yield orders.map((order) => ({
      order,
      push: planOrderPush(order, ledger.get(order.id), runId === undefined ? { force } : { force, runId }),
    }));
  }
}
