import type { PermanentReason, TransientReason } from './push-result.ts';

/** The first words of a failure's message, before ShopServe's own. */
export const FAILURE_SUMMARIES: Readonly<
  Record<PermanentReason | TransientReason | 'tracking_number_missing', string>
> = {
  tracking_number_missing: 'ShopServe needs a tracking number before it takes a carrier, ship date or shipped status',
  unknown_carrier: 'ShopServe does not know the carrier code',
  invalid_data: "ShopServe refused the order's shipping data",
  order_not_found: 'ShopServe has no such order for this shop',
  order_cancelled: 'The order is cancelled on ShopServe',
  unauthorized: 'ShopServe refused the shop ID or manager auth key',
  api_not_contracted: "The shop has not applied for ShopServe's API option",
  rejected: 'ShopServe refused the request',
  rate_limited: "ShopServe's call limit for this shop was reached",
  maintenance: 'ShopServe is in maintenance',
  unavailable: 'ShopServe is unavailable',
  server_error: 'ShopServe failed with a server error',
  timeout: 'ShopServe did not answer in time',
  network: 'ShopServe could not be reached',
  bad_response: "ShopServe's answer could not be understood",
};
