import type { KeepJobs } from 'bullmq';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * How long finished jobs stay in Redis for operators to look at in Bull Board: 7 days, and never
 * more than the count, so a flood of orders cannot fill Redis. (BullMQ's `removeOnComplete: true`
 * is never used: at worker level it breaks every job.)
 */
export const RETENTION = {
  completed: { age: 7 * DAY_SECONDS, count: 200_000 },
  failed: { age: 7 * DAY_SECONDS, count: 200_000 },
} as const satisfies Record<'completed' | 'failed', KeepJobs>;
