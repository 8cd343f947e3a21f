import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { JobsOptions } from 'bullmq';
import { BuildResult } from '@shopserve-sync/shopserve-client';
import { QUEUE_NAMES } from '../queue-names.ts';
import { RETENTION } from '../retention.ts';
import { assertValidJobId } from './job-id.ts';

/**
 * One order's push. It identifies the order and carries what to send (or the outcome already
 * known without a call); never a credential: the worker loads the shop's key itself.
 */
export const shippingUpdateJobDataSchema = z.object({
  /** The run that enqueued it; absent for a single-order push. */
  runId: z.uuid().optional(),
  shopId: z.string().min(1).max(64),
  orderId: z.number().int().positive(),
  orderNumber: z.string().min(1).max(64),
  /** Finished pushes of this order before this one: part of the job id. */
  generation: z.number().int().nonnegative(),
  contentHash: z.string().regex(/^[0-9a-f]{16}$/),
  plan: BuildResult,
});
export type ShippingUpdateJobData = z.infer<typeof shippingUpdateJobDataSchema>;

const HOUR_MS = 60 * 60 * 1000;

/** BullMQ's highest priority number (the lowest priority). */
const MAX_PRIORITY = 2_097_152;

export const shippingUpdateJob = {
  queue: QUEUE_NAMES.shippingUpdates,
  /** Job names, as Bull Board lists them. */
  names: { push: 'push-shipping', knownOutcome: 'known-outcome' },
  schema: shippingUpdateJobDataSchema,
  /**
   * Transient trouble is retried with exponential backoff and jitter: 10 s, 20 s, 40 s … for 14
   * attempts, about a day in all, before the job fails as `retries_exhausted`.
   */
  options: {
    attempts: 14,
    backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 },
    removeOnComplete: RETENTION.completed,
    removeOnFail: RETENTION.failed,
  } satisfies JobsOptions,
  /**
   * Waiting out a 429 or ShopServe's maintenance window spends no attempt, but only while the job
   * is younger than this; after it, such waits count like any other trouble. (Waiting for the
   * shop's turn under the rate limit never spends one: it is bounded by the shop's own queue.)
   */
  freeWaitingForMs: 24 * HOUR_MS,
  /**
   * Same order, same content, same generation → same id: overlapping runs enqueue it once. Once a
   * push ends, the order's generation moves on, so a later run can push the same content again.
   */
  jobId: (data: Pick<ShippingUpdateJobData, 'orderId' | 'generation' | 'contentHash'>) =>
    assertValidJobId(`push-${data.orderId}-g${data.generation}-${data.contentHash}`),
  /**
   * A run's pushes are prioritised by their place among their shop's pushes of the run (1st,
   * 2nd, …): every shop's first push comes before any shop's second, so shops take turns in the
   * queue instead of waiting behind a big shop's thousands, each under its own rate limit.
   */
  priorityOfRank: (rank: number) => Math.min(Math.max(1, Math.floor(rank)), MAX_PRIORITY),
} as const;

/** A short, stable fingerprint of the shop and what would be sent, for job ids and the unchanged-skip. */
export function contentHashOf(shopId: string, plan: BuildResult): string {
  const canonical = plan.kind === 'send' ? { shopId, update: plan.update } : { shopId, outcome: plan.outcome };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}
