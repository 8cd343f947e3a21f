import type { Queue } from 'bullmq';
import { getShopSettings, ledgerEntries, SHOPSERVE_MALL, type OmsOrderRow, type Pool } from '@shopserve-sync/db';
import { addShippingUpdates, shippingUpdateJob, type ShippingUpdateJobData } from '@shopserve-sync/queue';
import { planOrderPush } from './plan-order-push.ts';

export type PushOrderNowResult =
  | { kind: 'queued'; jobId: string }
  | { kind: 'order_not_found' }
  | { kind: 'not_shopserve'; mall: string }
  | { kind: 'api_option_off'; shopId: string };

/**
 * Pushes one order now, forced: whatever its last outcome, its current content is sent. The
 * calendar rules of a run do not apply (an operator asked for this order), but it must be a
 * ShopServe order of a shop with the API option on.
 */
export async function pushOrderNow(
  deps: { pool: Pool; shippingUpdates: Queue<ShippingUpdateJobData> },
  orderId: number,
): Promise<PushOrderNowResult> {
  const { rows } = await deps.pool.query<OmsOrderRow>('SELECT * FROM orders WHERE id = $1', [orderId]);
  const order = rows[0];
  if (!order) return { kind: 'order_not_found' };
  if (order.mall !== SHOPSERVE_MALL) return { kind: 'not_shopserve', mall: order.mall };
  const settings = await getShopSettings(deps.pool, order.shop_id);
  if (!settings?.orderApiEnabled) return { kind: 'api_option_off', shopId: order.shop_id };

  const ledger = await ledgerEntries(deps.pool, [order.id]);
  const plan = planOrderPush(order, ledger.get(order.id), { force: true });
  if (plan.action !== 'enqueue') throw new Error('a forced plan always enqueues');
  await addShippingUpdates(deps.shippingUpdates, [plan.job]);
  return { kind: 'queued', jobId: shippingUpdateJob.jobId(plan.job) };
}
