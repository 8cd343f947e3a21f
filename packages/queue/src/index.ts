export { QUEUE_NAMES, type QueueName } from './queue-names.ts';
export { RETENTION } from './retention.ts';
export { producerConnection, workerConnection } from './connection.ts';
export { exportRunJob, exportRunJobDataSchema, type ExportRunJobData } from './jobs/export-run.job.ts';
export {
  contentHashOf,
  shippingUpdateJob,
  shippingUpdateJobDataSchema,
  type ShippingUpdateJobData,
} from './jobs/shipping-update.job.ts';
export { assertValidJobId } from './jobs/job-id.ts';
export { createQueues, type ServiceQueues } from './queues.ts';
export { addManualExportRun, addShippingUpdates, upsertExportSchedule } from './enqueue.ts';
