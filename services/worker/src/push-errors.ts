import { UnrecoverableError } from 'bullmq';
import type { FailureReason } from '@shopserve-sync/db';
import type { TransientReason } from '@shopserve-sync/shopserve-client';

/** A push that ended for good as `failed`, already recorded. BullMQ does not retry it. */
export class PushFailedError extends UnrecoverableError {
  /** BullMQ also recognises an unrecoverable error by this name. */
  override readonly name = 'UnrecoverableError';
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }
}

/** Transient trouble that spends an attempt: BullMQ retries after the job's backoff. */
export class PushRetryError extends Error {
  override readonly name = 'PushRetryError';
  constructor(
    readonly reason: TransientReason,
    message: string,
  ) {
    super(message);
  }
}
