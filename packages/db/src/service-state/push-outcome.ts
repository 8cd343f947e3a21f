/**
 * How one order's push ended. `failed` carries a reason: one of ShopServe's permanent refusals,
 * or `retries_exhausted` when transient trouble outlasted the attempts.
 */
export const PUSH_OUTCOMES = ['updated', 'tracking_number_missing', 'failed'] as const;
export type PushOutcome = (typeof PUSH_OUTCOMES)[number];

/** Outcomes after which an unchanged order is not pushed again. */
export const FINAL_OUTCOMES: readonly PushOutcome[] = ['updated', 'tracking_number_missing'];

export const FAILURE_REASONS = [
  'unknown_carrier',
  'invalid_data',
  'order_not_found',
  'order_cancelled',
  'unauthorized',
  'api_not_contracted',
  'rejected',
  'retries_exhausted',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
