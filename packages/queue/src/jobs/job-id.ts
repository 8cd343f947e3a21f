/** BullMQ job ids may not contain ':' (it separates Redis key parts). */
export function assertValidJobId(jobId: string): string {
  if (jobId.includes(':') || jobId.length === 0) throw new Error(`invalid job id ${JSON.stringify(jobId)}`);
  return jobId;
}
