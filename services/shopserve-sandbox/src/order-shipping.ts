import type { DeliveryCompanyCode } from './shopserve-contract.ts';
import type { ShippingUpdate } from './shipping-update.rules.ts';
import { formatJst } from './jst-time.ts';

/** One order as the sandbox keeps it. */
export interface OrderRecord {
  shopId: string;
  orderNumber: string;
  cancelled: boolean;
  shippingStatus: 'Unshipped' | 'Shipped';
  deliveryCompanyCode: DeliveryCompanyCode | null;
  slipNumber: string | null;
  scheduledShipDate: string | null;
  /** Sandbox clock, epoch milliseconds. */
  updatedAtMs: number;
}

export function newOrder(shopId: string, orderNumber: string, cancelled: boolean, nowMs: number): OrderRecord {
  return {
    shopId,
    orderNumber,
    cancelled,
    shippingStatus: 'Unshipped',
    deliveryCompanyCode: null,
    slipNumber: null,
    scheduledShipDate: null,
    updatedAtMs: nowMs,
  };
}

/**
 * The order after an update: fields left out stay as they were. `updatedAt` moves only when a
 * field changes, so the same PATCH twice gives the same answer twice.
 */
export function applyShippingUpdate(order: OrderRecord, update: ShippingUpdate, nowMs: number): OrderRecord {
  const next: OrderRecord = {
    ...order,
    shippingStatus: update.shippingStatus ?? order.shippingStatus,
    deliveryCompanyCode: update.deliveryCompanyCode ?? order.deliveryCompanyCode,
    slipNumber: update.slipNumber ?? order.slipNumber,
    scheduledShipDate: update.scheduledShipDate ?? order.scheduledShipDate,
  };
  const changed =
    next.shippingStatus !== order.shippingStatus ||
    next.deliveryCompanyCode !== order.deliveryCompanyCode ||
    next.slipNumber !== order.slipNumber ||
    next.scheduledShipDate !== order.scheduledShipDate;
  return changed ? { ...next, updatedAtMs: nowMs } : order;
}

/** `OrderShipping` of the contract. */
export function orderShipping(order: OrderRecord) {
  return {
    orderNumber: order.orderNumber,
    orderStatus: order.cancelled ? ('Cancelled' as const) : ('Active' as const),
    shippingStatus: order.shippingStatus,
    deliveryCompanyCode: order.deliveryCompanyCode,
    slipNumber: order.slipNumber,
    scheduledShipDate: order.scheduledShipDate,
    updatedAt: formatJst(order.updatedAtMs),
  };
}
export type OrderShipping = ReturnType<typeof orderShipping>;
