import type {
  JournalEntry,
  JournalFilter,
  OrderShipping,
  SandboxSettings,
  SandboxSettingsInput,
} from '../src/index.ts';

export interface AdminAnswer<T> {
  status: number;
  body: T;
}

/** The sandbox's `/_sandbox` routes over HTTP, as a test or a tool outside the process uses them. */
export function sandboxAdmin(baseUrl: string) {
  async function send<T>(method: string, path: string, body?: unknown): Promise<AdminAnswer<T>> {
    const response = await fetch(`${baseUrl}/_sandbox${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  async function ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await send<T>(method, path, body);
    if (answer.status !== 200)
      throw new Error(`${method} /_sandbox${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  return {
    send,
    settings: () => ok<SandboxSettings>('GET', '/settings'),
    configure: (patch: SandboxSettingsInput) => ok<SandboxSettings>('PATCH', '/settings', patch),
    putShops: (shops: SandboxSettingsInput['shops']) => ok<{ shops: SandboxSettings['shops'] }>('PUT', '/shops', shops),
    putOrders: (orders: SandboxSettingsInput['orders']) =>
      ok<{ orders: SandboxSettings['orders'] }>('PUT', '/orders', orders),
    setClock: (now: string) => ok<{ now: string; offsetMs: number }>('PUT', '/clock', { now }),
    requests: (filter: JournalFilter = {}) => {
      const query = new URLSearchParams(
        Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined),
      );
      return ok<{ requests: JournalEntry[] }>('GET', `/requests?${query.toString()}`);
    },
    clearRequests: () => ok<{ cleared: number }>('DELETE', '/requests'),
    order: (shopId: string, orderNumber: string) =>
      send<OrderShipping>('GET', `/orders/${encodeURIComponent(shopId)}/${encodeURIComponent(orderNumber)}`),
    reset: () => ok<SandboxSettings>('POST', '/reset'),
    stats: () => ok<{ perShopMaxPerSecond: Record<string, number>; total: number }>('GET', '/stats'),
  };
}
export type SandboxAdmin = ReturnType<typeof sandboxAdmin>;
