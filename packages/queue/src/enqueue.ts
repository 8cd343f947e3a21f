import type { Queue } from 'bullmq';
import { exportRunJob, type ExportRunJobData } from './jobs/export-run.job.ts';
import { shippingUpdateJob, type ShippingUpdateJobData } from './jobs/shipping-update.job.ts';

/**
 * Types do not survive Redis: job data is checked on the way in, as it is on the way out.
 * `firstRank`: the first job's place among its shop's pushes of the run (see
 * `shippingUpdateJob.priorityOfRank`); without it the jobs go ahead of every ranked one.
 */
export async function addShippingUpdates(
  queue: Queue<ShippingUpdateJobData>,
  jobs: readonly ShippingUpdateJobData[],
  options: { firstRank?: number } = {},
): Promise<string[]> {
  const { firstRank } = options;
  const added = await queue.addBulk(
    jobs.map((data, index) => {
      const parsed = shippingUpdateJob.schema.parse(data);
      return {
        name: parsed.plan.kind === 'send' ? shippingUpdateJob.names.push : shippingUpdateJob.names.knownOutcome,
        data: parsed,
        opts: {
          jobId: shippingUpdateJob.jobId(parsed),
          ...(firstRank === undefined ? {} : { priority: shippingUpdateJob.priorityOfRank(firstRank + index) }),
        },
      };
    }),
  );
  return added.map((job) => job.id ?? '');
}

export async function addManualExportRun(queue: Queue<ExportRunJobData>, runId: string): Promise<string> {
  const data = exportRunJob.schema.parse({ trigger: 'manual', runId });
  const job = await queue.add(exportRunJob.names.manual, data, { jobId: exportRunJob.jobId(runId) });
  return job.id ?? exportRunJob.jobId(runId);
}

/**
 * The one scheduler of scheduled runs. Only ever upserted (never removed and re-added), so any
 * number of processes starting at once leave exactly one scheduler and one pending job; a new
 * period replaces the old one.
 */
export async function upsertExportSchedule(queue: Queue<ExportRunJobData>, everyMinutes: number): Promise<void> {
  await queue.upsertJobScheduler(
    exportRunJob.schedulerId,
    { every: everyMinutes * 60_000 },
    { name: exportRunJob.names.schedule, data: exportRunJob.schema.parse({ trigger: 'schedule' }) },
  );
}
