import type { Redis } from 'ioredis';

export type Dependency = 'Redis' | 'PostgreSQL';

/** Socket errors: either server, told apart by whether the Redis connection is up. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/** PostgreSQL's "cannot connect" (08xxx) and "shutting down" (57P0x) classes. */
const PG_CONNECTION_CODE = /^(08...|57P0.)$/;

const PG_CONNECTION_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error/i;

const REDIS_MESSAGE = /enableOfflineQueue|Connection is closed|MaxRetriesPerRequest|Reached the max retries/i;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Which server a failed request could not reach, so that the caller gets 503 naming it rather
 * than a bare 500; undefined for any other failure. Producers fail fast while Redis is away
 * (no offline queue), so a Redis connection that is not ready explains a failure too.
 */
export function unavailableDependency(error: unknown, redis: Pick<Redis, 'status'>): Dependency | undefined {
  const message = error instanceof Error ? error.message : '';
  const code = codeOf(error) ?? '';
  if (REDIS_MESSAGE.test(message)) return 'Redis';
  if (PG_CONNECTION_CODE.test(code) || PG_CONNECTION_MESSAGE.test(message)) return 'PostgreSQL';
  const redisAway = redis.status !== 'ready';
  if (SOCKET_CODES.has(code)) return redisAway ? 'Redis' : 'PostgreSQL';
  return redisAway ? 'Redis' : undefined;
}
