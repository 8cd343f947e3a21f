import { SHOPSERVE_MALL, type OmsOrderRow } from '@shopserve-sync/db';
import type { ExportWindow } from './export-window.ts';
import { addJstDays, jstDate, oneYearBefore } from '@shopserve-sync/calendar';
import { isKnownStatus, isNeverExportedStatus } from './order-statuses.ts';

/** How many calendar days before today (JST) a never-updated order may have been ordered. */
export const NEVER_UPDATED_RECENT_DAYS = 4;

/**
 * Why an order is not exported; when several hold, the first in this list is given, except
 * `unknown_status`, given only when every other rule admits the order (so that a run reports the
 * bad rows it would otherwise have exported, not the whole history on every run).
 */
export const INELIGIBILITY_REASONS = [
  /** `mall` is not `shopserve`. */
  'other_mall',
  /** The shop has no ShopServe settings, or its Order/Payment API option is off. */
  'api_option_off',
  /** `new`, `on_hold` or `cancelled`. */
  'excluded_status',
  /** Ordered (JST date) before the same calendar day one year before today. */
  'ordered_over_a_year_ago',
  /** `updated_at` lies outside the export window. */
  'updated_outside_window',
  /** Never updated, and ordered more than 4 calendar days before today (JST). */
  'never_updated_over_4_days',
  /** Never updated, and its order date (JST) is after today: bad data or a clock ahead. */
  'never_updated_ordered_after_today',
  /** `status` is none of the OMS's values: bad data, to be reported. */
  'unknown_status',
] as const;

export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

export type Eligibility = { eligible: true } | { eligible: false; reason: IneligibilityReason };

/** What the rules read of an order. */
export type EligibilityOrder = Pick<OmsOrderRow, 'mall' | 'status' | 'ordered_at' | 'updated_at'>;

/** What the rules read of a shop's ShopServe settings; `null` for a shop without settings. */
export interface ShopExportSettings {
  orderApiEnabled: boolean;
}

const ELIGIBLE: Eligibility = { eligible: true };
const not = (reason: IneligibilityReason): Eligibility => ({ eligible: false, reason });

/**
 * Whether an order is exported to ShopServe by a run with this window at `now`. All calendar
 * dates are Japan's:
 * 1. `mall = 'shopserve'` and the shop's API option is on;
 * 2. the status is known and not `new`, `on_hold` or `cancelled`;
 * 3. the order date is on or after the same calendar day one year before today (29 February
 *    counts as 28 February);
 * 4. `window.from <= updated_at <= window.to` when `updated_at` is set; when it is NULL, the order
 *    date is today or one of the 4 calendar days before.
 */
export function checkEligibility(
  order: EligibilityOrder,
  shop: ShopExportSettings | null,
  window: ExportWindow,
  now: Date,
): Eligibility {
  if (order.mall !== SHOPSERVE_MALL) return not('other_mall');
  if (!shop?.orderApiEnabled) return not('api_option_off');
  if (isNeverExportedStatus(order.status)) return not('excluded_status');

  const today = jstDate(now);
  const orderedOn = jstDate(order.ordered_at);
  if (orderedOn < oneYearBefore(today)) return not('ordered_over_a_year_ago');

  if (order.updated_at === null) {
    if (orderedOn < addJstDays(today, -NEVER_UPDATED_RECENT_DAYS)) return not('never_updated_over_4_days');
    if (orderedOn > today) return not('never_updated_ordered_after_today');
  } else {
    const updated = order.updated_at.getTime();
    if (updated < window.from.getTime() || updated > window.to.getTime()) return not('updated_outside_window');
  }

  if (!isKnownStatus(order.status)) return not('unknown_status');
  return ELIGIBLE;
}
