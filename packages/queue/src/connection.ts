import { Redis, type RedisOptions } from 'ioredis';

/**
 * Producers fail fast: an API request must not hang while Redis is away, it gets an error.
 * Auto-pipelining stays off: it slows BullMQ down.
 */
export function producerConnection(redisUrl: string, options: RedisOptions = {}): Redis {
  return new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: 'shopserve-sync-producer',
    ...options,
  });
}

/** Workers wait: a command waits for Redis to come back instead of failing the job. */
export function workerConnection(redisUrl: string, options: RedisOptions = {}): Redis {
  return new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    connectionName: 'shopserve-sync-worker',
    ...options,
  });
}
