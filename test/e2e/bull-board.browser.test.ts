import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BOARD, seedOrders, startTestApi } from '../../services/api/src/testing/api.fixture.ts';
import { startWholeSystem, waitForRunEnd } from './support/system.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Without chromium the test is skipped on a developer's machine; in CI it must run (and fails if chromium is missing).
const runs = existsSync(CHROMIUM) || process.env.CI !== undefined;

describe.skipIf(!runs)('Bull Board in a browser', () => {
  it(
    'shows a tracking-number-missing push as an expected completion and a real failure as failed',
    { timeout: 240_000 },
    async () => {
      await using system = await startWholeSystem({
        workers: 1,
        sandbox: {
          lenient: false,
          shops: [{ shopId: 'ss-one', authKey: 'key-one' }],
          orders: [
            { shopId: 'ss-one', orderNumber: '10000001' },
            { shopId: 'ss-one', orderNumber: '10000002' },
          ],
        },
      });
      const { api } = system;
      await api.db.pool.query(`INSERT INTO shops (id, name) VALUES ('shop-001', 'さくら雑貨店')`);
      await seedOrders(api.db.pool, 'shop-001', [
        { orderNumber: '10000001' },
        { orderNumber: '10000002', trackingNumber: null },
        { orderNumber: '10000003', carrier: 'ペンギン急便' },
      ]);
      const saved = await api.call('PUT', '/v1/shops/shop-001/shopserve-settings', {
        body: { shopserveShopId: 'ss-one', authKey: 'key-one', orderApiEnabled: true, autoExport: false },
      });
      expect(saved.status).toBe(200);
      const trigger = await api.call('POST', '/v1/exports', { body: {} });
      const run = await waitForRunEnd(api, trigger.json.runId as string);
      expect(run).toMatchObject({ state: 'completed', counts: { updated: 1, trackingNumberMissing: 1, failed: 1 } });

      await mkdir(ARTIFACTS, { recursive: true });
      const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const anonymous = await fetch(`${api.url}/admin/queues`);
        expect(anonymous.status).toBe(401);

        const context = await browser.newContext({
          httpCredentials: { ...BOARD },
          viewport: { width: 1440, height: 1000 },
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));

        await page.goto(`${api.url}/admin/queues/queue/shipping-updates?status=completed`);
        await page
          .getByText(
            'tracking number missing — expected (ShopServe cannot take a carrier without one) · shop-001 #10000002',
          )
          .first()
          .waitFor();
        await expect(page.getByText('updated · shop-001 #10000001').first().isVisible()).resolves.toBe(true);
        await page.screenshot({ path: `${ARTIFACTS}bull-board-completed.png`, fullPage: true });

        await page.goto(`${api.url}/admin/queues/queue/shipping-updates?status=failed`);
        await page.getByText('failed · shop-001 #10000003').first().waitFor();
        await page
          .getByText(/ペンギン急便/)
          .first()
          .waitFor();
        await page.screenshot({ path: `${ARTIFACTS}bull-board-failed.png`, fullPage: true });

        expect(errors).toEqual([]);
        await context.close();
      } finally {
        await browser.close();
      }
    },
  );

  it('renders Swagger UI at /docs under the security headers', { timeout: 120_000 }, async () => {
    await using api = await startTestApi();
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await page.goto(`${api.url}/docs`);
      await page.getByText('shopserve-sync API').first().waitFor();
      await page.getByText('/v1/exports/{runId}').first().waitFor();
      await page.screenshot({ path: `${ARTIFACTS}swagger-ui.png` });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
