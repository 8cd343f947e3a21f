// Scan at scale: 1,000,000 OMS orders, 100,000 of them updated inside the export window.
// First run: enqueues 100,000 pushes. Then every push is marked as done (the ledger gets each
// order's final content), and a second run enqueues nothing. Reports time and peak RSS of the
// scanning process for both; that process is started as the worker is (same node, same flags).
// Run: pnpm bench scan-at-scale
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import { createQueues } from '@shopserve-sync/queue';
import { WORKER_NODE_FLAGS } from '../../services/worker/src/worker-node-flags.ts';
import { cpuProfileFlags } from './bench-processes.ts';
import { benchDatabase, benchQueuePrefix, benchRedisUrl, writeResult } from './bench-support.ts';

const TOTAL_ORDERS = Number(process.env.BENCH_SCAN_ORDERS ?? 1_000_000);
const IN_WINDOW = Number(process.env.BENCH_SCAN_IN_WINDOW ?? 100_000);
const SHOPS = 20;

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scanProcess = fileURLToPath(new URL('./scan-process.ts', import.meta.url));

interface ScanFigures {
  seconds: number;
  /** The scan process's CPU (user + system) over those seconds. */
  cpuSeconds: number;
  peakRssMB: number;
  summary: { eligible: number; enqueued: number; skippedUnchanged: number };
}

/** The scan's process: `node <WORKER_NODE_FLAGS> --import tsx`, as `pnpm start:worker` runs the worker. */
const scanArgs = (databaseUrl: string, prefix: string) => [
  ...WORKER_NODE_FLAGS,
  ...cpuProfileFlags(),
  '--import',
  'tsx',
  scanProcess,
  databaseUrl,
  benchRedisUrl,
  prefix,
];

async function scanOnce(databaseUrl: string, prefix: string): Promise<ScanFigures> {
  const { stdout } = await promisify(execFile)(process.execPath, scanArgs(databaseUrl, prefix), {
    cwd: REPO_ROOT,
    maxBuffer: 10 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ScanFigures;
}

async function fillOms(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`
    INSERT INTO shops (id, name) SELECT 'shop-' || lpad(s::text, 3, '0'), 'ベンチ店 ' || s FROM generate_series(1, ${SHOPS}) s;
    INSERT INTO shopserve_sync.shop_settings (shop_id, shopserve_shop_id, auth_key, order_api_enabled, auto_export)
      SELECT id, 'ss-' || id, 'bench-key', true, true FROM shops;`);
  // Every n-th order (IN_WINDOW in all) was updated in the last two days, in a status that is
  // exported; the others were updated weeks ago, in any status.
  const every = Math.max(1, Math.floor(TOTAL_ORDERS / IN_WINDOW));
  await client.query(`
    INSERT INTO orders (shop_id, mall, order_number, status, ordered_at, updated_at, carrier, tracking_number, shipped_on)
    SELECT 'shop-' || lpad((1 + i % ${SHOPS})::text, 3, '0'), 'shopserve', (10000000 + i)::text,
           CASE WHEN in_window THEN (ARRAY['shipped','completed','awaiting_shipment'])[1 + i % 3]
                ELSE (ARRAY['shipped','completed','awaiting_shipment','new','cancelled'])[1 + i % 5] END,
           now() - interval '1 day' * (10 + i % 300),
           CASE WHEN in_window THEN now() - interval '1 minute' * (1 + i % 2880)
                ELSE now() - interval '1 day' * (6 + i % 200) END,
           (ARRAY['ヤマト運輸','佐川急便','日本郵便','ゆうパック'])[1 + i % 4],
           CASE WHEN i % 7 = 0 THEN NULL ELSE lpad((i::bigint * 7919 % 1000000000000)::text, 12, '0') END,
           (now() - interval '1 day')::date
      FROM (SELECT i, i % ${every} = 0 AND i / ${every} <= ${IN_WINDOW} AS in_window
              FROM generate_series(1, ${TOTAL_ORDERS}) i) g`);
  await client.query('ANALYZE orders');
  await client.end();
}

/** Marks every enqueued push as ended with `updated`, as the workers would, in bulk. */
async function markPushesDone(databaseUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(benchRedisUrl);
  const queues = createQueues(redis, prefix);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let done = 0;
  for (let start = 0; ; start += 5_000) {
    const jobs = await queues.shippingUpdates.getJobs(
      ['waiting', 'prioritized', 'delayed'],
      start,
      start + 4_999,
      true,
    );
    if (jobs.length === 0) break;
    const data = jobs.map((job) => job.data);
    await client.query(
      `INSERT INTO shopserve_sync.push_ledger (order_id, shop_id, generation, last_outcome, final_content_hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::text[])
       ON CONFLICT (order_id) DO NOTHING`,
      [
        data.map((d) => d.orderId),
        data.map((d) => d.shopId),
        data.map((d) => d.generation + 1),
        data.map(() => 'updated'),
        data.map((d) => d.contentHash),
      ],
    );
    done += jobs.length;
  }
  await client.end();
  await queues.shippingUpdates.obliterate({ force: true });
  await queues.close();
  redis.disconnect();
  return done;
}

/** One scan's line of the table. */
function tableRow(run: string, figures: ScanFigures): Record<string, string | number> {
  return {
    run,
    seconds: figures.seconds.toFixed(1),
    'cpu µs/order': ((figures.cpuSeconds * 1e6) / Math.max(1, figures.summary.eligible)).toFixed(0),
    peakRssMB: figures.peakRssMB.toFixed(0),
    ...figures.summary,
  };
}

export async function scanAtScale(): Promise<unknown> {
  await using database = await benchDatabase();
  await using queuePrefix = benchQueuePrefix();
  const { prefix } = queuePrefix;
  const fillStarted = performance.now();
  await fillOms(database.url);
  const fillSeconds = (performance.now() - fillStarted) / 1000;

  const first = await scanOnce(database.url, prefix);
  const marked = await markPushesDone(database.url, prefix);
  const second = await scanOnce(database.url, prefix);

  const result = { totalOrders: TOTAL_ORDERS, nodeFlags: WORKER_NODE_FLAGS, fillSeconds, first, marked, second };
  console.table([tableRow('first (enqueues)', first), tableRow('second (unchanged)', second)]);
  console.log(`written to ${writeResult('scan-at-scale', result)}`);
  return result;
}
