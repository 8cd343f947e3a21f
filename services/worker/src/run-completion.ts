import { completeIfDone, type Pool, type RunCompletion } from '@shopserve-sync/db';
import type { Logger } from '@shopserve-sync/logger';

/**
 * How long outcomes of one process are gathered before their runs are checked for completion.
 * Checking after every outcome cost a query per push for nothing but the last one.
 */
export const RUN_COMPLETION_DELAY_MS = 200;

export interface BatchedRunCompletion {
  /** What `recordPushOutcome` calls after each new outcome. */
  complete: RunCompletion;
  /** Checks the runs gathered so far now (before the process stops). */
  flush(): Promise<void>;
}

/**
 * Completes runs a moment after their outcomes, once for all the outcomes of that moment. The
 * check always comes after this process's last outcome of a run, so the last outcome of all
 * completes it; reading the run (`GET /v1/exports/{runId}`) completes it too.
 */
export function batchedRunCompletion(pool: Pool, log: Logger, delayMs = RUN_COMPLETION_DELAY_MS): BatchedRunCompletion {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  async function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    const runIds = [...pending];
    pending = new Set();
    try {
      await completeIfDone(pool, runIds);
    } catch (error) {
      // The next outcome, or the next read of the run, checks again.
      log.warn({ err: error, runIds }, 'could not check runs for completion');
    }
  }

  return {
    complete(runIds) {
      for (const runId of runIds) pending.add(runId);
      if (pending.size > 0 && timer === undefined) timer = setTimeout(() => void flush(), delayMs);
      return Promise.resolve();
    },
    flush,
  };
}
