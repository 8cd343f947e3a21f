import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { exportRunJob, type ExportRunJobData } from './jobs/export-run.job.ts';
import { shippingUpdateJob, type ShippingUpdateJobData } from './jobs/shipping-update.job.ts';

export interface ServiceQueues {
  exportRuns: Queue<ExportRunJobData>;
  shippingUpdates: Queue<ShippingUpdateJobData>;
  close(): Promise<void>;
}

/** Both queues on one connection, with each job's default options from the registry. */
export function createQueues(connection: Redis, prefix: string): ServiceQueues {
  const exportRuns = new Queue<ExportRunJobData>(exportRunJob.queue, {
    connection,
    prefix,
    defaultJobOptions: exportRunJob.options,
  });
  const shippingUpdates = new Queue<ShippingUpdateJobData>(shippingUpdateJob.queue, {
    connection,
    prefix,
    defaultJobOptions: shippingUpdateJob.options,
  });
  return {
    exportRuns,
    shippingUpdates,
    async close() {
      await Promise.all([exportRuns.close(), shippingUpdates.close()]);
    },
  };
}
