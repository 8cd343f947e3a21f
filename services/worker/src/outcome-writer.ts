import { recordPushOutcomes, type Pool, type PushOutcomeRecord, type RunCompletion } from '@shopserve-sync/db';

/** Most outcomes written in one statement. */
const MAX_BATCH = 250;

export interface OutcomeWriter {
  /**
   * Records a push's outcome (see `recordPushOutcome`) together with the others of the moment.
   * Resolves once it is committed: true when it was the job's first.
   */
  record(record: PushOutcomeRecord): Promise<boolean>;
}

interface Pending {
  record: PushOutcomeRecord;
  resolve(first: boolean): void;
  reject(error: unknown): void;
}

/**
 * Writes the outcomes of all pushes ending at about the same time in one statement, one write at
 * a time: while one commits, the next batch gathers (a commit per push kept PostgreSQL waiting on
 * its WAL). A push's job ends only after its own outcome is committed, as before.
 */
export function batchedOutcomeWriter(pool: Pool, completeRuns: RunCompletion): OutcomeWriter {
  let waiting: Pending[] = [];
  let writing = false;

  /** The next batch: in arrival order, one record per order (a later one waits for the next). */
  function nextBatch(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const orders = new Set<number>();
    for (const pending of waiting) {
      if (batch.length < MAX_BATCH && !orders.has(pending.record.orderId)) {
        orders.add(pending.record.orderId);
        batch.push(pending);
      } else {
        rest.push(pending);
      }
    }
    waiting = rest;
    return batch;
  }

  async function writeAll(): Promise<void> {
    // The outcomes of this turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (;;) {
      // Checked and cleared in one step: a record arriving later starts the next write itself.
      if (waiting.length === 0) {
        writing = false;
        return;
      }
      const batch = nextBatch();
      try {
        const { recorded, settledRunIds } = await recordPushOutcomes(
          pool,
          batch.map((pending) => pending.record),
        );
        for (const pending of batch) pending.resolve(recorded.has(pending.record.jobId));
        await completeRuns(settledRunIds);
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
  }

  return {
    record(record) {
      return new Promise<boolean>((resolve, reject) => {
        waiting.push({ record, resolve, reject });
        if (writing) return;
        writing = true;
        void writeAll();
      });
    },
  };
}
