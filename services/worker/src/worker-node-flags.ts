/**
 * Node's flags for every worker process, given before `--import tsx`: `pnpm start:worker`, the
 * worker package's `start`, the Docker image's command and `pnpm start` all run the worker with
 * them (`worker-node-flags.spec.ts` holds the static ones to it), and so does the scan benchmark,
 * so that the memory it reports is the worker's.
 *
 * V8's defaults are made for a large heap. Young objects get up to 2 × 16 MB, and old space is
 * collected only once it has grown to about four times what was live after its last collection.
 * An export run's scan leaves a steady trickle of page data in old space (it survives two young
 * collections while its database and Redis round trips are pending), so a scan of 100,000 orders
 * peaked at 243 MB where 50 MB were live.
 * - `--max-semi-space-size=4`: young objects get 2 × 4 MB (about 20 MB less resident from start).
 * - `--max-old-space-size=1024`: a 1 GiB heap limit, far above what a worker holds; V8 scales
 *   old space's growth with the limit (about 1.7 times what was live instead of 4), so garbage is
 *   collected long before it costs memory. A worker that ever needs more ends with an
 *   out-of-memory error, and its jobs are taken over by another worker once their locks expire.
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=1024'] as const;
