import { ledgerEntries, type Pool } from '@shopserve-sync/db';
import { eligibleOrdersQuery, orderPages, type ExportWindow } from '@shopserve-sync/eligibility';
import type { ShippingUpdate } from '@shopserve-sync/shopserve-client';
import { planOrderPush } from './plan-order-push.ts';

/** One eligible order as a dry run shows it. */
export interface DryRunOrder {
  shopId: string;
  orderId: number;
  orderNumber: string;
  /** The body that would be sent; null when the outcome is known without a call. */
  update: ShippingUpdate | null;
  /** Present when known without a call: `unknown_carrier`, `invalid_data`, `tracking_number_missing`. */
  outcome?: string;
  /** True when a run would skip it: nothing changed since its last final outcome (and not forced). */
  unchanged: boolean;
}

export interface DryRunResult {
  count: number;
  orders: DryRunOrder[];
}

/** Every eligible order of the shops with what a run would send for it, without sending anything. */
export async function dryRunExport(
  pool: Pool,
  request: { shopIds: readonly string[]; window: ExportWindow; now: Date; force: boolean },
): Promise<DryRunResult> {
  const orders: DryRunOrder[] = [];
  for (const shopId of request.shopIds) {
    const selection = { shopId, window: request.window, now: request.now, limit: 1_000 };
    for await (const page of orderPages(pool, eligibleOrdersQuery, selection)) {
      const ledger = await ledgerEntries(
        pool,
        page.map((order) => order.id),
      );
      for (const order of page) {
        const push = planOrderPush(order, ledger.get(order.id), { force: request.force });
        orders.push({
          shopId,
          orderId: order.id,
          orderNumber: order.order_number,
          update: push.plan.kind === 'send' ? push.plan.update : null,
          ...(push.plan.kind === 'outcome' ? { outcome: push.plan.outcome } : {}),
          unchanged: push.action === 'skip_unchanged',
        });
      }
    }
  }
  return { count: orders.length, orders };
}
