import { describe, expect, it } from 'vitest';
import { BOARD, startTestApi, TEST_TOKEN } from './testing/api.fixture.ts';

/** Every /v1 route of the contract, with a request that is otherwise acceptable. */
const V1_ROUTES: { method: string; path: string; body?: unknown }[] = [
  { method: 'POST', path: '/v1/exports', body: { dryRun: true } },
  { method: 'GET', path: '/v1/exports' },
  { method: 'GET', path: '/v1/exports/00000000-0000-4000-8000-000000000000' },
  { method: 'POST', path: '/v1/orders/1/push' },
  { method: 'GET', path: '/v1/orders/1/sync' },
  {
    method: 'PUT',
    path: '/v1/shops/shop-001/shopserve-settings',
    body: { shopserveShopId: 'a', authKey: 'k', orderApiEnabled: true, autoExport: false },
  },
  { method: 'GET', path: '/v1/shops/shop-001/shopserve-settings' },
];

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

describe('authentication', () => {
  it('refuses every /v1 route without the bearer token, or with a wrong one, and lets the right one through', async () => {
    await using api = await startTestApi();
    for (const route of V1_ROUTES) {
      const body = route.body === undefined ? {} : { body: route.body };
      const missing = await api.call(route.method, route.path, { ...body, token: null });
      expect(missing.status, `${route.method} ${route.path} without a token`).toBe(401);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(missing.json.error).toBe('unauthorized');

      const wrong = await api.call(route.method, route.path, { ...body, token: `${TEST_TOKEN}x` });
      expect(wrong.status, `${route.method} ${route.path} with a wrong token`).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);

      const basicInstead = await api.call(route.method, route.path, {
        ...body,
        token: null,
        headers: { authorization: basic(BOARD.username, BOARD.password) },
      });
      expect(basicInstead.status, `${route.method} ${route.path} with Basic credentials`).toBe(401);

      const right = await api.call(route.method, route.path, body);
      expect(right.status, `${route.method} ${route.path} with the token`).not.toBe(401);
      expect(right.text).not.toContain(TEST_TOKEN);
    }
  });

  it('checks the token before the body: an unauthenticated bad request is 401, not 400', async () => {
    await using api = await startTestApi();
    const response = await api.call('POST', '/v1/exports', { body: '{not json', token: null });
    expect(response.status).toBe(401);
  });

  it('leaves health, readiness, metrics and the docs open', async () => {
    await using api = await startTestApi();
    for (const path of ['/healthz', '/readyz', '/metrics', '/docs/json']) {
      expect((await api.call('GET', path, { token: null })).status, path).toBe(200);
    }
  });

  it('puts Bull Board behind HTTP Basic', async () => {
    await using api = await startTestApi();
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const anonymous = await fetch(`${api.url}${path}`);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);

      const wrongPassword = await fetch(`${api.url}${path}`, {
        headers: { authorization: basic(BOARD.username, 'nope') },
      });
      expect(wrongPassword.status).toBe(401);
      const wrongUser = await fetch(`${api.url}${path}`, {
        headers: { authorization: basic('nobody', BOARD.password) },
      });
      expect(wrongUser.status).toBe(401);
      const bearer = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
      expect(bearer.status).toBe(401);

      const right = await fetch(`${api.url}${path}`, {
        headers: { authorization: basic(BOARD.username, BOARD.password) },
      });
      expect(right.status, path).toBe(200);
    }
    const queues = await fetch(`${api.url}/admin/queues/api/queues`, {
      headers: { authorization: basic(BOARD.username, BOARD.password) },
    });
    const listed = (await queues.json()) as { queues: { name: string; description: string }[] };
    expect(listed.queues.map((queue) => queue.name).sort()).toEqual(['export-runs', 'shipping-updates']);
    expect(listed.queues.every((queue) => queue.description.length > 0)).toBe(true);
  });
});
