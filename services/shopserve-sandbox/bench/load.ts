// Load benchmark of the ShopServe sandbox: 2,000 requests per second for 10 seconds, a mix of
// PATCH and GET over several shops. Not a test: run it with `pnpm --filter
// @shopserve-sync/shopserve-sandbox bench`. Exits non-zero when a request went unanswered or got
// a status the mix does not expect.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon, { type AutocannonRequest } from 'autocannon';
import type { SandboxSettingsInput } from '../src/index.ts';

const RATE = 2_000;
const DURATION_SECONDS = 10;
const CONNECTIONS = 100;
const SHOPS = Array.from({ length: 8 }, (_, i) => ({ shopId: `bench-shop-${i + 1}`, authKey: `bench-key-${i + 1}` }));
/** Statuses the mix asks for: 200, and 400 SLIP_NUMBER_REQUIRED for the orders without a slip number. */
const EXPECTED_STATUSES = new Set(['200', '400']);

const settings: SandboxSettingsInput = {
  lenient: true,
  shops: SHOPS,
  // Generous, so that every call goes through the token bucket without being refused.
  rateLimit: { perSecond: 100_000, burst: 100_000 },
};

function requestMix(): AutocannonRequest[] {
  const mix: AutocannonRequest[] = [];
  for (let i = 0; i < 40; i += 1) {
    const shop = SHOPS[i % SHOPS.length] ?? SHOPS[0];
    if (shop === undefined) throw new Error('no shops');
    const headers = {
      authorization: `Basic ${Buffer.from(`${shop.shopId}:${shop.authKey}`).toString('base64')}`,
      'content-type': 'application/json',
    };
    const orderNumber = String(10_000_001 + i);
    const kind = i % 8;
    if (kind < 5) {
      mix.push({
        method: 'PATCH',
        path: `/v2/orders/${orderNumber}/shipping`,
        headers,
        body: JSON.stringify({
          shippingStatus: 'Shipped',
          deliveryCompanyCode: 'YAMATO',
          slipNumber: `4000-${orderNumber}`,
          scheduledShipDate: '2026-11-28',
        }),
      });
    } else if (kind === 5) {
      mix.push({
        method: 'PATCH',
        path: `/v2/orders/${orderNumber}/shipping`,
        headers,
        body: '{"deliveryCompanyCode":"SAGAWA"}',
      });
    } else {
      mix.push({ method: 'GET', path: `/v2/orders/${orderNumber}`, headers: { authorization: headers.authorization } });
    }
  }
  return mix;
}

const child = fork(fileURLToPath(new URL('./sandbox-process.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
child.send({ settings });
const [ready] = (await once(child, 'message')) as [{ url: string }];

process.stdout.write(
  `sandbox at ${ready.url}; driving ${RATE} requests/s for ${DURATION_SECONDS} s over ${CONNECTIONS} connections, ` +
    `${SHOPS.length} shops (5/8 PATCH full update, 1/8 PATCH without slip number, 2/8 GET)\n`,
);
const result = await autocannon({
  url: ready.url,
  connections: CONNECTIONS,
  duration: DURATION_SECONDS,
  overallRate: RATE,
  timeout: 10,
  requests: requestMix(),
});
const stats = (await (await fetch(`${ready.url}/_sandbox/stats`)).json()) as { total: number };
child.send('stop');
await once(child, 'exit');

const unanswered = result.errors + result.timeouts;
const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, s]) => [status, s.count]));
const unexpected = Object.keys(statuses).filter((status) => !EXPECTED_STATUSES.has(status));
const lines = [
  `answered             ${result.requests.total} in ${result.duration.toFixed(1)} s; the sandbox received ${stats.total} (the rest were in flight when the run ended)`,
  `achieved rate        ${(result.requests.total / result.duration).toFixed(0)} requests/s (target ${RATE})`,
  `errors / timeouts    ${result.errors} / ${result.timeouts}`,
  `non-2xx              ${result.non2xx}; by status ${JSON.stringify(statuses)}`,
  `latency ms           p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  p99.9 ${result.latency.p99_9}  max ${result.latency.max}  mean ${result.latency.average}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
if (unanswered > 0 || unexpected.length > 0) {
  process.stderr.write(`FAILED: ${unanswered} unanswered, unexpected statuses: ${unexpected.join(', ') || 'none'}\n`);
  process.exitCode = 1;
}
