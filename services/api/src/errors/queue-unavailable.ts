import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';

/** Seconds a caller is asked to wait after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Whether jobs can be added now. Checked before enqueueing: while the producer connection is not
 * ready, BullMQ would wait for it (for ever, when Redis was never up) instead of failing fast.
 */
export function queueReachable(redis: Pick<Redis, 'status'>): boolean {
  return redis.status === 'ready';
}

/** 503 for a request that needed the job queue: what happened, and that nothing was pushed. */
export function sendQueueUnavailable(reply: FastifyReply, outcome: string): FastifyReply {
  return reply
    .code(503)
    .header('Retry-After', String(RETRY_AFTER_SECONDS))
    .send({
      error: 'service_unavailable',
      message: `Redis (the job queue) is unreachable: ${outcome} Try again once GET /readyz answers 200.`,
    });
}
