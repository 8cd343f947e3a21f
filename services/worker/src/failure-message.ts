import type { FailureReason } from '@shopserve-sync/db';
import { PERMANENT_REASON_DESCRIPTIONS } from '@shopserve-sync/shopserve-client';

export interface OrderRef {
  shopId: string;
  orderNumber: string;
}

const RETRIES_EXHAUSTED_ADVICE =
  'Nothing is lost: the next export run sends the order again, or push it now from the API. If it keeps happening, check whether ShopServe is reachable and working.';

/**
 * A failed push in words an operator understands: which order, what happened (ShopServe's own
 * words when it answered), and what to do. The reason code leads, as Bull Board shows the start.
 */
export function failureMessage(order: OrderRef, reason: FailureReason, said: string, advice?: string): string {
  const what = said.trim().replace(/\.?$/u, '.');
  const todo =
    advice ?? (reason === 'retries_exhausted' ? RETRIES_EXHAUSTED_ADVICE : PERMANENT_REASON_DESCRIPTIONS[reason]);
  return `${reason}: order ${order.orderNumber} of shop ${order.shopId} was not updated on ShopServe. ${what} ${todo}`;
}

/** After the last attempt: how often it was tried and the last trouble. */
export function exhaustedMessage(order: OrderRef, attempts: number, lastTrouble: string): string {
  return failureMessage(order, 'retries_exhausted', `Gave up after ${attempts} attempts; the last: ${lastTrouble}`);
}

export const NO_SETTINGS = {
  reason: 'unauthorized',
  said: 'The shop has no ShopServe settings, so nothing was sent',
  advice:
    "Enter the ShopServe shop ID and manager auth key (マネージャー認証キー) in the shop's ShopServe settings and save them; the next export sends the order.",
} as const;

export const API_OPTION_OFF = {
  reason: 'api_not_contracted',
  said: 'The shop\'s ShopServe settings have "use the Order/Payment API" turned off, so nothing was sent',
  advice: "Turn the option on in the shop's ShopServe settings and save them if its orders should go to ShopServe.",
} as const;

/** For the shop's other orders once ShopServe refused its settings: no call was made. */
export function refusedEarlierSaid(earlier: string): string {
  return `Not sent: ShopServe already refused this shop's current settings (${earlier.trim().replace(/\.$/u, '')})`;
}
