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
 * - `--max-semi-space-size=16`: young objects get 2 × 16 MB. A push's objects live for the few ms
 *   of its round trips; with 50 or more in flight, a smaller young space is collected so often
 *   that many are still alive and get copied (with 4 MB, 15 % of the worker's CPU was garbage
 *   collection, and the pipeline benchmark ran about 5 % slower). The scan at scale stays well
 *   under its 200 MB target with it (169–172 MB against 142 MB with 4).
 * - `--max-old-space-size=1024`: a 1 GiB heap limit, far above what a worker holds; V8 scales
 *   old space's growth with the limit (about 1.7 times what was live instead of 4), so garbage is
 *   collected long before it costs memory. A worker that ever needs more ends with an
 *   out-of-memory error, and its jobs are taken over by another worker once their locks expire.
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=16', '--max-old-space-size=1024'] as const;
