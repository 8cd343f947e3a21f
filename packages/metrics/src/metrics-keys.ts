/** Where a process's published metrics live: `${prefix}:metrics:<processId>`, beside its queues. */
export function metricsKey(prefix: string, processId: string): string {
  return `${metricsKeyPrefix(prefix)}${processId}`;
}

export function metricsKeyPrefix(prefix: string): string {
  return `${prefix}:metrics:`;
}
