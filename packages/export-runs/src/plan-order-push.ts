import type { LedgerEntry, OmsOrderRow } from '@shopserve-sync/db';
import { contentHashOf, type ShippingUpdateJobData } from '@shopserve-sync/queue';
import { buildShippingUpdate, type BuildResult } from '@shopserve-sync/shopserve-client';

export type PushPlan =
  | { action: 'skip_unchanged'; plan: BuildResult; contentHash: string }
  | { action: 'enqueue'; plan: BuildResult; job: ShippingUpdateJobData };

/**
 * What a run does with one eligible order: push it, or skip it because what would be pushed is
 * what its last final outcome (`updated` / `tracking_number_missing`) already had — unless forced.
 */
export function planOrderPush(
  order: Pick<OmsOrderRow, 'id' | 'shop_id' | 'order_number' | 'carrier' | 'tracking_number' | 'shipped_on'>,
  ledger: LedgerEntry | undefined,
  options: { force: boolean; runId?: string },
): PushPlan {
  const plan = buildShippingUpdate(order);
  const contentHash = contentHashOf(order.shop_id, plan);
  if (!options.force && ledger?.finalContentHash === contentHash)
    return { action: 'skip_unchanged', plan, contentHash };
  return {
    action: 'enqueue',
    plan,
    job: {
      ...(options.runId === undefined ? {} : { runId: options.runId }),
      shopId: order.shop_id,
      orderId: order.id,
      orderNumber: order.order_number,
      generation: ledger?.generation ?? 0,
      contentHash,
      plan,
    },
  };
}
