import type { ServiceConfig } from '@shopserve-sync/config';
import type { Pool } from '@shopserve-sync/db';
import type { Logger } from '@shopserve-sync/logger';
import type { ServiceQueues } from '@shopserve-sync/queue';
import type { Redis } from 'ioredis';

/** What the API is built from; `main.ts` makes them, tests make their own. */
export interface ApiDeps {
  /** `API_TOKEN`, `BOARD_USERNAME` and `BOARD_PASSWORD` must be set: the API refuses to build without them. */
  config: Pick<ServiceConfig, 'QUEUE_PREFIX' | 'API_TOKEN' | 'BOARD_USERNAME' | 'BOARD_PASSWORD'>;
  pool: Pool;
  /** Both queues, on {@link redis}. */
  queues: ServiceQueues;
  /** The producer connection (`producerConnection`: fails fast while Redis is away). */
  redis: Redis;
  log: Logger;
  options?: ApiOptions;
}

export interface ApiOptions {
  /** Requests per minute and client address before 429. Default 600. */
  rateLimitPerMinute?: number;
  /** Largest request body. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** How long `/readyz` waits for each server. Default 1,500 ms. */
  readinessTimeoutMs?: number;
}
