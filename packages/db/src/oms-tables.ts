/**
 * The OMS's tables as this service reads them (`oms-schema.sql`). The OMS owns them: we never
 * write to `orders` and never change their shape.
 */

/** The OMS's order states. Any other value in `orders.status` is bad data. */
export const OMS_ORDER_STATUSES = [
  'new', // 新規受付 — never exported
  'awaiting_payment', // 入金待ち
  'awaiting_shipment', // 発送待ち
  'shipped', // 発送済み
  'completed', // 完了
  'on_hold', // 保留 — never exported
  'cancelled', // キャンセル — never exported
] as const;

export type OmsOrderStatus = (typeof OMS_ORDER_STATUSES)[number];

/** The mall value of the orders this service is about. */
export const SHOPSERVE_MALL = 'shopserve';

export interface OmsShopRow {
  id: string;
  name: string;
}

/** One row of `orders`, as `pg` returns it (timestamps as Date, `shipped_on` as 'YYYY-MM-DD'). */
export interface OmsOrderRow {
  id: number;
  shop_id: string;
  mall: string;
  order_number: string;
  /** Usually an {@link OmsOrderStatus}; anything else is bad data to report. */
  status: string;
  ordered_at: Date;
  updated_at: Date | null;
  carrier: string | null;
  tracking_number: string | null;
  shipped_on: string | null;
}
