/** The service's BullMQ queues; `QUEUE_PREFIX` namespaces their keys. */
export const QUEUE_NAMES = {
  /** One job per export run (scheduled or manual): finds eligible orders and enqueues their pushes. */
  exportRuns: 'export-runs',
  /** One job per order: pushes its shipping update to ShopServe. */
  shippingUpdates: 'shipping-updates',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];
