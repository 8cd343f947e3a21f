import { afterAll, beforeAll, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { loadContract, type ContractAnswer, type OperationId } from './openapi-contract.ts';

export interface ContractShop {
  shopId: string;
  authKey: string;
  contracted: boolean;
}

export interface ContractOrder {
  shopId: string;
  orderNumber: string;
  cancelled: boolean;
}

/**
 * A server that claims the ShopServe contract, with the few controls the suite needs. The
 * optional controls exist on test doubles; against a server without one, its tests are skipped.
 */
export interface ContractServer {
  /** Base URL; the suite calls `${url}/v2/...`. */
  url: string;
  /**
   * Exactly these shops and orders, every order unshipped, strict (an unlisted shop or order
   * does not exist), no rate limit, no faults, no maintenance, the real time.
   */
  prepare(fixture: { shops: ContractShop[]; orders: ContractOrder[] }): Promise<void>;
  setRateLimit?(limit: { perSecond: number; burst: number } | null): Promise<void>;
  setFaults?(
    faults: Partial<{ error500Rate: number; error503Rate: number; hangRate: number; dropRate: number }>,
  ): Promise<void>;
  setMaintenance?(mode: 'off' | 'on' | 'schedule'): Promise<void>;
  /** Moves the server's clock to this RFC 3339 instant. */
  setClock?(now: string): Promise<void>;
  close(): Promise<void>;
}

const SHOP: ContractShop = { shopId: 'shop-contract', authKey: 'key-Contract-1', contracted: true };
const OTHER_SHOP: ContractShop = { shopId: 'shop-other', authKey: 'key-Other-2', contracted: true };
const UNCONTRACTED: ContractShop = { shopId: 'shop-uncontracted', authKey: 'key-Uncontracted-3', contracted: false };

const ACTIVE = '10000001';
const ACTIVE_2 = '10000002';
const CANCELLED = '10000003';
const ENCODED = 'ORD/あ 01'; // needs URL encoding: a slash, Japanese, a space
const OTHER_SHOPS_ORDER = '20000001';

const FIXTURE = {
  shops: [SHOP, OTHER_SHOP, UNCONTRACTED],
  orders: [
    { shopId: SHOP.shopId, orderNumber: ACTIVE, cancelled: false },
    { shopId: SHOP.shopId, orderNumber: ACTIVE_2, cancelled: false },
    { shopId: SHOP.shopId, orderNumber: CANCELLED, cancelled: true },
    { shopId: SHOP.shopId, orderNumber: ENCODED, cancelled: false },
    { shopId: OTHER_SHOP.shopId, orderNumber: OTHER_SHOPS_ORDER, cancelled: false },
    { shopId: UNCONTRACTED.shopId, orderNumber: ACTIVE, cancelled: false },
  ],
};

const FULL_UPDATE = {
  shippingStatus: 'Shipped',
  deliveryCompanyCode: 'YAMATO',
  slipNumber: '1234-5678-9012',
  scheduledShipDate: '2026-11-28',
};

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const as = (shop: ContractShop) => basic(shop.shopId, shop.authKey);

interface CallOptions {
  /** The Authorization header; null sends none. Default: the contracted shop's. */
  authorization?: string | null;
  /** A JSON value to send, or `raw` text as it is. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  signal?: AbortSignal;
}

interface Answer extends ContractAnswer {
  code: string | undefined;
  details: { field: string; message: string }[] | undefined;
}

/** The third Wednesday of January 2026 is the 21st. */
const IN_WINDOW = '2026-01-21T07:59:30+09:00';

/**
 * The ShopServe contract (`shopserve-api.yaml`) as tests: every route, every error code, the
 * order of the rules of `updateShipping`, rate limits, maintenance and transport faults. Every
 * answer is checked against the OpenAPI document.
 */
export function shopServeContractSuite(name: string, start: () => Promise<ContractServer>): void {
  describe(`${name} keeps the ShopServe contract`, () => {
    let server: ContractServer;
    let check: Awaited<ReturnType<typeof loadContract>>;

    beforeAll(async () => {
      [server, check] = await Promise.all([start(), loadContract()]);
    });
    afterAll(async () => {
      await server.close();
    });
    beforeEach(async () => {
      await server.prepare(FIXTURE);
    });

    function pathOf(operation: OperationId, orderNumber: string): string {
      const order = `/v2/orders/${encodeURIComponent(orderNumber)}`;
      return operation === 'getOrder' ? order : `${order}/shipping`;
    }

    /** One call, its answer checked against the contract before any test looks at it. */
    async function call(operation: OperationId, orderNumber: string, options: CallOptions = {}): Promise<Answer> {
      const headers: Record<string, string> = {};
      const authorization = options.authorization === undefined ? as(SHOP) : options.authorization;
      if (authorization !== null) headers.authorization = authorization;
      let body: string | undefined;
      if (operation === 'updateShipping') {
        body = options.raw ?? JSON.stringify(options.body ?? FULL_UPDATE);
        headers['content-type'] = options.contentType ?? 'application/json';
      }
      const response = await fetch(`${server.url}${pathOf(operation, orderNumber)}`, {
        method: operation === 'getOrder' ? 'GET' : 'PATCH',
        headers,
        ...(body === undefined ? {} : { body }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const text = await response.text();
      const parsed = JSON.parse(text) as { error?: { code?: string; details?: Answer['details'] } };
      const answer = { status: response.status, headers: response.headers, body: parsed as unknown };
      expect(check(operation, answer), `${operation} ${response.status} ${text}`).toEqual([]);
      return { ...answer, code: parsed.error?.code, details: parsed.error?.details };
    }

    const update = (orderNumber: string, body: unknown, options: CallOptions = {}) =>
      call('updateShipping', orderNumber, { ...options, body });

    function needs(context: TestContext, ...controls: (keyof ContractServer)[]): void {
      if (controls.some((control) => server[control] === undefined)) context.skip();
    }

    describe('getOrder', () => {
      it('answers a fresh order: active, unshipped, nothing set', async () => {
        const answer = await call('getOrder', ACTIVE);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          orderNumber: ACTIVE,
          orderStatus: 'Active',
          shippingStatus: 'Unshipped',
          deliveryCompanyCode: null,
          slipNumber: null,
          scheduledShipDate: null,
        });
      });

      it('answers a cancelled order as Cancelled', async () => {
        const answer = await call('getOrder', CANCELLED);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ orderNumber: CANCELLED, orderStatus: 'Cancelled' });
      });

      it('takes URL-encoded order numbers', async () => {
        const answer = await call('getOrder', ENCODED);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ orderNumber: ENCODED });
      });

      it.each([
        ['an unknown order', ACTIVE.replace('1', '9')],
        ["another shop's order", OTHER_SHOPS_ORDER],
        ['an order number over 64 characters', '1'.repeat(65)],
      ])('answers 404 ORDER_NOT_FOUND for %s', async (_what, orderNumber) => {
        const answer = await call('getOrder', orderNumber);
        expect([answer.status, answer.code]).toEqual([404, 'ORDER_NOT_FOUND']);
      });
    });

    describe.each(['getOrder', 'updateShipping'] as const)('%s authentication', (operation) => {
      it.each([
        ['no credentials', null],
        ['a wrong key', basic(SHOP.shopId, 'key-wrong')],
        ["another shop's key", basic(SHOP.shopId, OTHER_SHOP.authKey)],
        ['an unknown shop', basic('shop-nobody', SHOP.authKey)],
        ['an empty key', basic(SHOP.shopId, '')],
        ['a bearer token', `Bearer ${SHOP.authKey}`],
        ['garbage', 'Basic ###'],
      ])('answers 401 UNAUTHORIZED for %s', async (_what, authorization) => {
        const answer = await call(operation, ACTIVE, { authorization });
        expect([answer.status, answer.code]).toEqual([401, 'UNAUTHORIZED']);
      });

      it('answers 403 API_NOT_CONTRACTED for a shop without the API, with the right key', async () => {
        const answer = await call(operation, ACTIVE, { authorization: as(UNCONTRACTED) });
        expect([answer.status, answer.code]).toEqual([403, 'API_NOT_CONTRACTED']);
      });

      it('answers 401 for a shop without the API but a wrong key', async () => {
        const answer = await call(operation, ACTIVE, { authorization: basic(UNCONTRACTED.shopId, 'key-wrong') });
        expect([answer.status, answer.code]).toEqual([401, 'UNAUTHORIZED']);
      });
    });

    describe('updateShipping', () => {
      it('updates every field and answers the order afterwards', async () => {
        const answer = await update(ACTIVE, FULL_UPDATE);
        expect(answer.status).toBe(200);
        const expected = { orderNumber: ACTIVE, orderStatus: 'Active', ...FULL_UPDATE };
        expect(answer.body).toMatchObject(expected);
        expect((await call('getOrder', ACTIVE)).body).toEqual(answer.body);
      });

      it('is idempotent: the same body twice, the same order twice', async () => {
        const first = await update(ACTIVE, FULL_UPDATE);
        const second = await update(ACTIVE, FULL_UPDATE);
        expect(second.status).toBe(200);
        expect(second.body).toEqual(first.body);
      });

      it('leaves out-of-body fields unchanged', async () => {
        await update(ACTIVE, FULL_UPDATE);
        const answer = await update(ACTIVE, { slipNumber: 'NEW-1', scheduledShipDate: '2026-12-01' });
        expect(answer.body).toMatchObject({
          shippingStatus: 'Shipped',
          deliveryCompanyCode: 'YAMATO',
          slipNumber: 'NEW-1',
          scheduledShipDate: '2026-12-01',
        });
      });

      it('takes a slip number alone and leaves the order unshipped', async () => {
        const answer = await update(ACTIVE, { slipNumber: 'A-1' });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          shippingStatus: 'Unshipped',
          slipNumber: 'A-1',
          deliveryCompanyCode: null,
        });
      });

      it("changes only the addressed shop's order", async () => {
        await update(ACTIVE, FULL_UPDATE, { authorization: as(SHOP) });
        const other = await call('getOrder', ACTIVE_2);
        expect(other.body).toMatchObject({ shippingStatus: 'Unshipped', slipNumber: null });
      });

      it.each([
        ['an unknown field', { ...FULL_UPDATE, memo: 'x' }, ['memo']],
        ['an empty object', {}, ['body']],
        ['an array', [FULL_UPDATE], ['body']],
        ['a string', 'Shipped', ['body']],
        ['a number as slip number', { slipNumber: 12345678 }, ['slipNumber']],
        ['a full-width slip number', { slipNumber: '１２３４－５６７８' }, ['slipNumber']],
        ['a slip number with spaces', { slipNumber: '1234 5678' }, ['slipNumber']],
        ['a 41-character slip number', { slipNumber: 'A'.repeat(41) }, ['slipNumber']],
        ['an empty slip number', { slipNumber: '' }, ['slipNumber']],
        ['status Unshipped', { slipNumber: 'A-1', shippingStatus: 'Unshipped' }, ['shippingStatus']],
        ['a carrier that is not a string', { slipNumber: 'A-1', deliveryCompanyCode: 3 }, ['deliveryCompanyCode']],
        ['a date in another format', { slipNumber: 'A-1', scheduledShipDate: '2026/11/28' }, ['scheduledShipDate']],
        ['a date that does not exist', { slipNumber: 'A-1', scheduledShipDate: '2026-02-29' }, ['scheduledShipDate']],
        [
          'a timestamp for a date',
          { slipNumber: 'A-1', scheduledShipDate: '2026-11-28T00:00:00+09:00' },
          ['scheduledShipDate'],
        ],
        [
          'several wrong fields',
          { slipNumber: 1, scheduledShipDate: '2026-13-01', extra: true },
          ['extra', 'scheduledShipDate', 'slipNumber'],
        ],
      ])('answers 400 VALIDATION_ERROR naming the fields for %s', async (_what, body, fields) => {
        const answer = await update(ACTIVE, body);
        expect([answer.status, answer.code]).toEqual([400, 'VALIDATION_ERROR']);
        expect(answer.details?.map((d) => d.field).sort()).toEqual(fields);
        for (const detail of answer.details ?? []) expect(detail.message).not.toBe('');
      });

      it('answers 400 VALIDATION_ERROR for a body that is not JSON', async () => {
        const answer = await call('updateShipping', ACTIVE, { raw: '{"slipNumber": "A-1"' });
        expect([answer.status, answer.code]).toEqual([400, 'VALIDATION_ERROR']);
        expect(answer.details?.length).toBeGreaterThan(0);
      });

      it('answers 400 UNKNOWN_DELIVERY_COMPANY for a carrier outside the list', async () => {
        const answer = await update(ACTIVE, { ...FULL_UPDATE, deliveryCompanyCode: 'KURONEKO' });
        expect([answer.status, answer.code]).toEqual([400, 'UNKNOWN_DELIVERY_COMPANY']);
      });

      it.each([
        ['nothing but the status', { shippingStatus: 'Shipped' }],
        ['a carrier and a date', { deliveryCompanyCode: 'SAGAWA', scheduledShipDate: '2026-11-28' }],
        [
          'a complete update but the slip number',
          { shippingStatus: 'Shipped', deliveryCompanyCode: 'JAPANPOST', scheduledShipDate: '2026-11-28' },
        ],
      ])('answers 400 SLIP_NUMBER_REQUIRED for %s, and changes nothing', async (_what, body) => {
        const answer = await update(ACTIVE, body);
        expect([answer.status, answer.code]).toEqual([400, 'SLIP_NUMBER_REQUIRED']);
        expect((await call('getOrder', ACTIVE)).body).toMatchObject({
          shippingStatus: 'Unshipped',
          deliveryCompanyCode: null,
        });
      });

      it('answers 400 DELIVERY_COMPANY_REQUIRED for Shipped without a carrier', async () => {
        const answer = await update(ACTIVE, { shippingStatus: 'Shipped', slipNumber: 'A-1' });
        expect([answer.status, answer.code]).toEqual([400, 'DELIVERY_COMPANY_REQUIRED']);
      });

      it.each([
        ['an unknown order', ACTIVE.replace('1', '9')],
        ["another shop's order", OTHER_SHOPS_ORDER],
        ['an order number over 64 characters', '1'.repeat(65)],
      ])('answers 404 ORDER_NOT_FOUND for %s', async (_what, orderNumber) => {
        const answer = await update(orderNumber, FULL_UPDATE);
        expect([answer.status, answer.code]).toEqual([404, 'ORDER_NOT_FOUND']);
      });

      it('answers 409 ORDER_CANCELLED for a cancelled order, and changes nothing', async () => {
        const answer = await update(CANCELLED, FULL_UPDATE);
        expect([answer.status, answer.code]).toEqual([409, 'ORDER_CANCELLED']);
        expect((await call('getOrder', CANCELLED)).body).toMatchObject({ orderStatus: 'Cancelled', slipNumber: null });
      });
    });

    describe('updateShipping checks its rules in order: the earliest broken rule answers', () => {
      const breaksEverything = { shippingStatus: 'Shipped', deliveryCompanyCode: 'NOPE', memo: 1 };
      it.each([
        ['credentials before the body', ACTIVE, breaksEverything, basic(SHOP.shopId, 'bad'), 401, 'UNAUTHORIZED'],
        ['the contract before the body', ACTIVE, breaksEverything, as(UNCONTRACTED), 403, 'API_NOT_CONTRACTED'],
        ['1 (body) before 2 (order)', '99999999', breaksEverything, as(SHOP), 400, 'VALIDATION_ERROR'],
        ['1 before 2, for a long order number', '1'.repeat(65), {}, as(SHOP), 400, 'VALIDATION_ERROR'],
        [
          '2 (no order) before 3 (carrier)',
          '99999999',
          { deliveryCompanyCode: 'NOPE' },
          as(SHOP),
          404,
          'ORDER_NOT_FOUND',
        ],
        [
          '2 (cancelled) before 3, 4, 5',
          CANCELLED,
          { shippingStatus: 'Shipped', deliveryCompanyCode: 'NOPE' },
          as(SHOP),
          409,
          'ORDER_CANCELLED',
        ],
        [
          '3 (carrier) before 4 (slip number)',
          ACTIVE,
          { shippingStatus: 'Shipped', deliveryCompanyCode: 'NOPE' },
          as(SHOP),
          400,
          'UNKNOWN_DELIVERY_COMPANY',
        ],
        [
          '4 (slip number) before 5 (carrier for Shipped)',
          ACTIVE,
          { shippingStatus: 'Shipped' },
          as(SHOP),
          400,
          'SLIP_NUMBER_REQUIRED',
        ],
      ])('%s', async (_what, orderNumber, body, authorization, status, code) => {
        const answer = await update(orderNumber, body, { authorization });
        expect([answer.status, answer.code]).toEqual([status, code]);
      });
    });

    describe.each(['getOrder', 'updateShipping'] as const)('%s rate limit per shop ID', (operation) => {
      it('answers 429 RATE_LIMITED with Retry-After once the burst is spent, X-RateLimit-* on every answer', async (context) => {
        needs(context, 'setRateLimit');
        await server.setRateLimit?.({ perSecond: 0.2, burst: 2 });
        const first = await call(operation, ACTIVE);
        const second = await call(operation, '99999999'); // an error answer still counts and carries the headers
        const third = await call(operation, ACTIVE);
        expect([first.status, second.status, third.status]).toEqual([200, 404, 429]);
        expect(third.code).toBe('RATE_LIMITED');
        for (const answer of [first, second, third]) expect(answer.headers.get('x-ratelimit-limit')).toBe('2');
        expect([first, second, third].map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual(['1', '0', '0']);
        const retryAfter = third.headers.get('retry-after') ?? '';
        expect(retryAfter).toMatch(/^\d+$/);
        expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
        expect(Number(retryAfter)).toBeLessThanOrEqual(5);
      });

      it('counts each shop ID on its own', async (context) => {
        needs(context, 'setRateLimit');
        await server.setRateLimit?.({ perSecond: 0.2, burst: 1 });
        expect((await call(operation, ACTIVE)).status).toBe(200);
        expect((await call(operation, ACTIVE)).status).toBe(429);
        const other = await call(operation, OTHER_SHOPS_ORDER, { authorization: as(OTHER_SHOP) });
        expect(other.status).toBe(200);
      });
    });

    describe.each(['getOrder', 'updateShipping'] as const)('%s during the monthly maintenance window', (operation) => {
      it('answers 503 SERVICE_UNAVAILABLE with Retry-After up to the window end, to anyone', async (context) => {
        needs(context, 'setMaintenance', 'setClock');
        await server.setMaintenance?.('schedule');
        await server.setClock?.(IN_WINDOW);
        for (const authorization of [as(SHOP), null]) {
          const answer = await call(operation, ACTIVE, { authorization });
          expect([answer.status, answer.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
          const retryAfter = Number(answer.headers.get('retry-after'));
          expect(Number.isInteger(retryAfter)).toBe(true);
          expect(retryAfter).toBeGreaterThanOrEqual(1);
          expect(retryAfter).toBeLessThanOrEqual(30);
        }
      });

      it.for([
        ['at 08:00 JST, when it ends', '2026-01-21T08:00:00+09:00'],
        ['at 01:59 JST, before it starts', '2026-01-21T01:59:00+09:00'],
        ['on the second Wednesday', '2026-01-14T03:00:00+09:00'],
      ] as const)('answers as usual %s', async ([, now], context) => {
        needs(context, 'setMaintenance', 'setClock');
        await server.setMaintenance?.('schedule');
        await server.setClock?.(now);
        expect((await call(operation, ACTIVE)).status).toBe(200);
      });
    });

    describe.each(['getOrder', 'updateShipping'] as const)('%s under faults', (operation) => {
      it('answers 500 INTERNAL_ERROR', async (context) => {
        needs(context, 'setFaults');
        await server.setFaults?.({ error500Rate: 1 });
        const answer = await call(operation, ACTIVE);
        expect([answer.status, answer.code]).toEqual([500, 'INTERNAL_ERROR']);
      });

      it('answers 503 SERVICE_UNAVAILABLE', async (context) => {
        needs(context, 'setFaults');
        await server.setFaults?.({ error503Rate: 1 });
        const answer = await call(operation, ACTIVE);
        expect([answer.status, answer.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      });

      it('hangs until the caller gives up', async (context) => {
        needs(context, 'setFaults');
        await server.setFaults?.({ hangRate: 1 });
        const failure = await call(operation, ACTIVE, { signal: AbortSignal.timeout(300) }).catch(
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(DOMException);
        expect((failure as DOMException).name).toBe('TimeoutError');
      });

      it('drops the connection without an answer', async (context) => {
        needs(context, 'setFaults');
        await server.setFaults?.({ dropRate: 1 });
        const failure = await call(operation, ACTIVE).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(TypeError); // fetch's "fetch failed": no status, no body
      });
    });
  });
}
