import { applyShippingUpdate, orderShipping, type OrderShipping } from './order-shipping.ts';
import type { ParsedBody } from './request-body.ts';
import type { SandboxState } from './sandbox-state.ts';
import { decideShippingUpdate } from './shipping-update.rules.ts';
import { apiError, type ApiError } from './shopserve-contract.ts';

export type HandlerResult = { ok: true; body: OrderShipping } | { ok: false; error: ApiError };

const orderNotFound = (): HandlerResult => ({
  ok: false,
  error: apiError('ORDER_NOT_FOUND', '指定された受注が見つかりません'),
});

/** `getOrder`, for a caller already let through the gate. A cancelled order is still readable. */
export function getOrder(state: SandboxState, shopId: string, orderNumber: string): HandlerResult {
  const order = state.orders.find(shopId, orderNumber, state.settings.lenient, state.now());
  return order === undefined ? orderNotFound() : { ok: true, body: orderShipping(order) };
}

/** `updateShipping`, for a caller already let through the gate: rules 1-5, then the change. */
export function updateShipping(
  state: SandboxState,
  shopId: string,
  orderNumber: string,
  body: ParsedBody,
): HandlerResult {
  if (!body.ok) return body;
  const decision = decideShippingUpdate(body.value, () =>
    state.orders.find(shopId, orderNumber, state.settings.lenient, state.now()),
  );
  if (!decision.ok) return decision;
  const updated = state.orders.save(applyShippingUpdate(decision.order, decision.update, state.now()));
  return { ok: true, body: orderShipping(updated) };
}
