import { z } from 'zod';
import { OrderShipping } from './order-shipping.ts';

/** Why ShopServe will not take an update however often it is sent. Not retried. */
export const PermanentReason = z.enum([
  'unknown_carrier',
  'invalid_data',
  'order_not_found',
  'order_cancelled',
  'unauthorized',
  'api_not_contracted',
  'rejected',
]);
export type PermanentReason = z.infer<typeof PermanentReason>;

/** Trouble that may pass: retried with backoff by the caller (the client itself never retries). */
export const TransientReason = z.enum([
  'rate_limited',
  'maintenance',
  'unavailable',
  'server_error',
  'timeout',
  'network',
  'bad_response',
]);
export type TransientReason = z.infer<typeof TransientReason>;

/** Messages are in words an operator understands and quote ShopServe's own; never a credential. */
const message = z.string();
/** The HTTP status, absent when no answer came (timeout, network) or no call was made. */
const status = z.number().int().optional();
/** ShopServe's error code as it answered, including codes the contract does not list. */
const code = z.string().optional();

export const UpdatedResult = z.object({ outcome: z.literal('updated'), order: OrderShipping });
export const TrackingNumberMissingResult = z.object({ outcome: z.literal('tracking_number_missing'), message });
export const PermanentFailure = z.object({
  outcome: z.literal('permanent'),
  reason: PermanentReason,
  status,
  code,
  message,
});
export const TransientFailure = z.object({
  outcome: z.literal('transient'),
  reason: TransientReason,
  status,
  code,
  message,
  /** How long ShopServe asked to wait (`Retry-After`), in ms from when the answer came; never negative. */
  retryAfterMs: z.number().int().nonnegative().optional(),
  /**
   * `false` when waiting is the normal course (429, planned maintenance): the caller should wait
   * without counting the try against the order's attempts.
   */
  spendsAttempt: z.boolean(),
});
export type UpdatedResult = z.infer<typeof UpdatedResult>;
export type TrackingNumberMissingResult = z.infer<typeof TrackingNumberMissingResult>;
export type PermanentFailure = z.infer<typeof PermanentFailure>;
export type TransientFailure = z.infer<typeof TransientFailure>;

/** The result of one `updateShipping` call: exactly one of these, never a thrown error. */
export const PushResult = z.discriminatedUnion('outcome', [
  UpdatedResult,
  TrackingNumberMissingResult,
  PermanentFailure,
  TransientFailure,
]);
export type PushResult = z.infer<typeof PushResult>;

/** The result of one `getOrder` call. */
export const ReadResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('found'), order: OrderShipping }),
  PermanentFailure,
  TransientFailure,
]);
export type ReadResult = z.infer<typeof ReadResult>;

/** Any answer other than success, as classified from ShopServe's reply or the lack of one. */
export type CallFailure = TrackingNumberMissingResult | PermanentFailure | TransientFailure;
