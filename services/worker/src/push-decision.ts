import type { PermanentReason, PushResult, TransientReason } from '@shopserve-sync/shopserve-client';

/** Where one push job stands when its call's result comes back. */
export interface AttemptContext {
  /** Attempts already spent (`job.attemptsMade`). */
  attemptsMade: number;
  /** Attempts the job has in all (`job.opts.attempts`). */
  attempts: number;
  /** Time since the job was added. */
  ageMs: number;
  /** Waits that spend no attempt are free only while the job is younger than this. */
  freeWaitingForMs: number;
  /** How long a free wait lasts when ShopServe gave no `Retry-After`. */
  defaultWaitMs: number;
}

/** What the worker does with one call's result: exactly one of these. */
export type PushDecision =
  | { kind: 'updated' }
  /** The expected terminal state: completed, not retried, not a failure. */
  | { kind: 'tracking_number_missing'; message: string }
  /** Record `failed` with the reason and fail the job for good. */
  | { kind: 'permanent'; reason: PermanentReason; message: string }
  /**
   * Wait `delayMs` without spending an attempt (a 429, maintenance); the shop's other calls
   * wait as long (`shopWaitMs`).
   */
  | { kind: 'wait'; reason: TransientReason; message: string; delayMs: number; shopWaitMs: number }
  /**
   * Spend an attempt: BullMQ retries after its backoff. A `Retry-After` holds the shop's calls
   * back at least `shopWaitMs`, so the retry comes no earlier than ShopServe asked.
   */
  | { kind: 'retry'; reason: TransientReason; message: string; shopWaitMs: number }
  /** The attempts are spent: record `failed` / `retries_exhausted` and fail the job for good. */
  | { kind: 'exhausted'; reason: TransientReason; message: string; attempts: number };

/** Whether a wait that spends no attempt is still allowed for a job of this age. */
export function mayWaitFree(context: Pick<AttemptContext, 'ageMs' | 'freeWaitingForMs'>): boolean {
  return context.ageMs < context.freeWaitingForMs;
}

/**
 * Classifies one ShopServe result into the worker's next step. Pure: the processor does what
 * it says.
 */
export function decidePush(result: PushResult, context: AttemptContext): PushDecision {
  switch (result.outcome) {
    case 'updated':
      return { kind: 'updated' };
    case 'tracking_number_missing':
      return { kind: 'tracking_number_missing', message: result.message };
    case 'permanent':
      return { kind: 'permanent', reason: result.reason, message: result.message };
    case 'transient': {
      if (!result.spendsAttempt && mayWaitFree(context)) {
        const delayMs = result.retryAfterMs ?? context.defaultWaitMs;
        return { kind: 'wait', reason: result.reason, message: result.message, delayMs, shopWaitMs: delayMs };
      }
      const attempt = context.attemptsMade + 1;
      if (attempt >= context.attempts) {
        return { kind: 'exhausted', reason: result.reason, message: result.message, attempts: attempt };
      }
      return { kind: 'retry', reason: result.reason, message: result.message, shopWaitMs: result.retryAfterMs ?? 0 };
    }
  }
}
