import { PermanentReason } from '@shopserve-sync/shopserve-client';

/**
 * How one order's push ended. `failed` carries a reason: one of ShopServe's permanent refusals,
 * or `retries_exhausted` when transient trouble outlasted the attempts.
 */
export const PUSH_OUTCOMES = ['updated', 'tracking_number_missing', 'failed'] as const;
export type PushOutcome = (typeof PUSH_OUTCOMES)[number];

/** Outcomes after which an unchanged order is not pushed again. */
export const FINAL_OUTCOMES: readonly PushOutcome[] = ['updated', 'tracking_number_missing'];

/** ShopServe's permanent refusals, and `retries_exhausted`. */
export const FAILURE_REASONS = [...PermanentReason.options, 'retries_exhausted'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
