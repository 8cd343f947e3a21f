import { z } from 'zod';
import type { JobsOptions } from 'bullmq';
import { QUEUE_NAMES } from '../queue-names.ts';
import { RETENTION } from '../retention.ts';

/**
 * An export run. A manual run is recorded first (with its shops, window and force) and its job
 * carries the run id; the scheduler's job carries only the trigger, and the worker records the
 * run when it starts it.
 */
export const exportRunJobDataSchema = z.discriminatedUnion('trigger', [
  z.object({ trigger: z.literal('manual'), runId: z.uuid() }),
  z.object({ trigger: z.literal('schedule') }),
]);
export type ExportRunJobData = z.infer<typeof exportRunJobDataSchema>;

export const exportRunJob = {
  queue: QUEUE_NAMES.exportRuns,
  names: { manual: 'manual-export', schedule: 'scheduled-export' },
  /** Id of the one job scheduler that adds the scheduled runs. */
  schedulerId: 'scheduled-export',
  schema: exportRunJobDataSchema,
  /** A run that cannot read the database retries for about a quarter of an hour, then fails. */
  options: {
    attempts: 6,
    backoff: { type: 'exponential', delay: 15_000, jitter: 0.5 },
    removeOnComplete: RETENTION.completed,
    removeOnFail: RETENTION.failed,
  } satisfies JobsOptions,
  jobId: (runId: string) => `run-${runId}`,
} as const;
