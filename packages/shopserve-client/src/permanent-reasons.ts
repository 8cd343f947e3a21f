import type { PermanentReason } from './push-result.ts';

/** One plain line per permanent reason: what happened and what the operator should do. */
export const PERMANENT_REASON_DESCRIPTIONS: Readonly<Record<PermanentReason, string>> = {
  unknown_carrier:
    "The order's carrier is not one ShopServe knows. Correct the carrier in the OMS (e.g. ヤマト運輸, 佐川急便, 日本郵便), then export again.",
  invalid_data:
    "ShopServe refused the order's shipping data (e.g. a tracking number with characters other than letters, digits and hyphens, or no carrier for a shipped order). Correct the order in the OMS, then export again.",
  order_not_found:
    'ShopServe has no order with this order number for this shop. Check the order number and that the shop ID in the ShopServe settings is the right shop.',
  order_cancelled:
    'The order is cancelled on ShopServe, so its shipping cannot change. Check the order on ShopServe; nothing more will be sent for it.',
  unauthorized:
    "ShopServe refused the shop ID or manager auth key (マネージャー認証キー). Enter the current key in the shop's ShopServe settings and save them; the shop's exports resume then.",
  api_not_contracted:
    "This ShopServe shop has not applied for the API option. Apply for it in ShopServe's admin screen (Server → ShopServe API), then save the shop's settings again.",
  rejected:
    "ShopServe refused the request for a reason this service does not recognise. Read ShopServe's message below; contact support if it persists.",
};
