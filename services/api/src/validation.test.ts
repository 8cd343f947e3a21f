import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  queueFootprint,
  seedOrders,
  seedShop,
  startTestApi,
  stateFootprint,
  type CallOptions,
  type TestApi,
} from './testing/api.fixture.ts';

interface MalformedRequest {
  what: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  options?: CallOptions;
  /** The field `details` must name. */
  field: string;
}

const SETTINGS = { shopserveShopId: 'sakura', authKey: 'key-1', orderApiEnabled: true, autoExport: false };
const SETTINGS_PATH = '/v1/shops/shop-001/shopserve-settings';
const longId = 'a'.repeat(65);

function exportsWith(what: string, body: unknown, field: string): MalformedRequest {
  return { what, method: 'POST', path: '/v1/exports', options: { body }, field };
}

function settingsWith(what: string, body: unknown, field: string): MalformedRequest {
  return { what, method: 'PUT', path: SETTINGS_PATH, options: { body }, field };
}

function listWith(what: string, query: string, field: string): MalformedRequest {
  return { what, method: 'GET', path: `/v1/exports?${query}`, field };
}

const MALFORMED: MalformedRequest[] = [
  exportsWith('an unknown field', { shopIds: ['shop-001'], foo: 1 }, 'foo'),
  exportsWith('a misspelt field', { shopId: ['shop-001'] }, 'shopId'),
  exportsWith('an empty shopIds', { shopIds: [] }, 'shopIds'),
  exportsWith('a 65-character shop id', { shopIds: [longId] }, 'shopIds.0'),
  exportsWith("an empty ('') shop id", { shopIds: [''] }, 'shopIds.0'),
  exportsWith('shopIds not an array', { shopIds: 'shop-001' }, 'shopIds'),
  exportsWith('a shop id that is a number', { shopIds: [1] }, 'shopIds.0'),
  exportsWith('a null second shop id', { shopIds: ['shop-001', null] }, 'shopIds.1'),
  exportsWith('30 February', { updatedFrom: '2026-02-30' }, 'updatedFrom'),
  exportsWith('29 February of a common year', { updatedFrom: '2026-02-29' }, 'updatedFrom'),
  exportsWith('month 13', { updatedFrom: '2026-13-01' }, 'updatedFrom'),
  exportsWith('a date without leading zeros', { updatedTo: '2026-1-1' }, 'updatedTo'),
  exportsWith('updatedFrom after updatedTo', { updatedFrom: '2026-03-02', updatedTo: '2026-03-01' }, 'updatedFrom'),
  exportsWith('a timestamp without an offset', { updatedFrom: '2026-03-01T09:00:00' }, 'updatedFrom'),
  exportsWith('hour 24', { updatedTo: '2026-03-01T24:00:00+09:00' }, 'updatedTo'),
  exportsWith('a date that is a number', { updatedTo: 20260301 }, 'updatedTo'),
  exportsWith('force: "yes"', { force: 'yes' }, 'force'),
  exportsWith('dryRun: 1', { dryRun: 1 }, 'dryRun'),
  exportsWith('force: null', { force: null }, 'force'),
  exportsWith('a JSON array as the body', [], 'body'),
  exportsWith('JSON null as the body', 'null', 'body'),
  { what: 'invalid JSON', method: 'POST', path: '/v1/exports', options: { body: '{"shopIds": [' }, field: 'body' },
  {
    what: 'a wrong content type',
    method: 'POST',
    path: '/v1/exports',
    options: { body: '<export/>', contentType: 'application/xml' },
    field: 'content-type',
  },
  {
    what: 'a text body',
    method: 'POST',
    path: '/v1/exports',
    options: { body: 'shop-001', contentType: 'text/plain' },
    field: 'body',
  },
  listWith('limit=0', 'limit=0', 'limit'),
  listWith('limit=101', 'limit=101', 'limit'),
  listWith('limit=abc', 'limit=abc', 'limit'),
  listWith('limit=1.5', 'limit=1.5', 'limit'),
  listWith('limit given twice', 'limit=1&limit=2', 'limit'),
  listWith('an unknown query parameter', 'limit=5&shop=shop-001', 'shop'),
  { what: 'a non-numeric order id (push)', method: 'POST', path: '/v1/orders/abc/push', field: 'orderId' },
  { what: 'order id 0', method: 'POST', path: '/v1/orders/0/push', field: 'orderId' },
  { what: 'a negative order id', method: 'POST', path: '/v1/orders/-1/push', field: 'orderId' },
  { what: 'an order id in exponent notation', method: 'GET', path: '/v1/orders/1e3/sync', field: 'orderId' },
  {
    what: 'an order id too large for a number',
    method: 'GET',
    path: '/v1/orders/99999999999999999999/sync',
    field: 'orderId',
  },
  settingsWith(
    'settings without authKey',
    { shopserveShopId: 'x', orderApiEnabled: true, autoExport: false },
    'authKey',
  ),
  settingsWith('orderApiEnabled "true"', { ...SETTINGS, orderApiEnabled: 'true' }, 'orderApiEnabled'),
  settingsWith('settings with an extra field', { ...SETTINGS, shopName: 'さくら' }, 'shopName'),
  settingsWith('an empty shopserveShopId', { ...SETTINGS, shopserveShopId: '' }, 'shopserveShopId'),
  settingsWith('a shopserveShopId with a colon', { ...SETTINGS, shopserveShopId: 'a:b' }, 'shopserveShopId'),
  settingsWith('an empty authKey', { ...SETTINGS, authKey: '' }, 'authKey'),
  settingsWith('settings without autoExport', { ...SETTINGS, autoExport: undefined }, 'autoExport'),
  settingsWith('settings as an array', [SETTINGS], 'body'),
  { what: 'settings without a body', method: 'PUT', path: SETTINGS_PATH, field: 'body' },
  {
    what: 'settings that are not JSON',
    method: 'PUT',
    path: SETTINGS_PATH,
    options: { body: "{'a': 1}" },
    field: 'body',
  },
  {
    what: 'a 65-character shop id in the settings path',
    method: 'PUT',
    path: `/v1/shops/${longId}/shopserve-settings`,
    options: { body: SETTINGS },
    field: 'shopId',
  },
  {
    what: 'a 65-character shop id when reading settings',
    method: 'GET',
    path: `/v1/shops/${longId}/shopserve-settings`,
    field: 'shopId',
  },
];

describe('malformed requests', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true, authKey: 'original-key' });
    await seedOrders(api.db.pool, 'shop-001', [
      { orderNumber: '10000001' },
      { orderNumber: '10000002', trackingNumber: null },
    ]);
  });
  afterAll(async () => {
    await api[Symbol.asyncDispose]();
  });

  it('has a case for at least 30 kinds of bad input', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(MALFORMED)('$what → 400 naming $field; nothing enqueued or changed', async (request) => {
    const queuesBefore = await queueFootprint(api.serviceQueues);
    const stateBefore = await stateFootprint(api.db.pool);

    const response = await api.call(request.method, request.path, request.options);

    expect(response.status, response.text).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json.error).toBe('validation_error');
    expect(typeof response.json.message).toBe('string');
    const details = response.json.details as { field: string; message: string }[];
    expect(details.map((detail) => detail.field)).toContain(request.field);
    for (const detail of details) expect(detail.message.length).toBeGreaterThan(0);
    expect(response.text).not.toContain('original-key');

    expect(await queueFootprint(api.serviceQueues)).toEqual(queuesBefore);
    expect(await stateFootprint(api.db.pool)).toEqual(stateBefore);
  });

  it('refuses a body over the size limit without reading it into a run', async () => {
    const before = await stateFootprint(api.db.pool);
    const response = await api.call('POST', '/v1/exports', {
      body: { shopIds: Array.from({ length: 200_000 }, () => 'shop-001') },
    });
    expect(response.status).toBe(413);
    expect(response.json.error).toBe('payload_too_large');
    expect(await stateFootprint(api.db.pool)).toEqual(before);
  });
});
