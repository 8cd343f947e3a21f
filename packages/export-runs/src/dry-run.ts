import type { Pool } from '@shopserve-sync/db';
import type { ExportWindow } from '@shopserve-sync/eligibility';
import type { ShippingUpdate } from '@shopserve-sync/shopserve-client';
import { plannedOrderPages } from './planned-order-pages.ts';

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
    const selection = { shopId, window: request.window, now: request.now, force: request.force, pageSize: 1_000 };
    for await (const planned of plannedOrderPages(pool, selection)) {
      for (const { order, push } of planned) {
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
