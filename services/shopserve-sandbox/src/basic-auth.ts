import { createHash, timingSafeEqual } from 'node:crypto';

export interface Credentials {
  shopId: string;
  authKey: string;
}

/** HTTP Basic: user = shop ID, password = manager auth key. `undefined` when absent or unreadable. */
export function readBasicCredentials(header: string | undefined): Credentials | undefined {
  const match = header === undefined ? null : /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { shopId: decoded.slice(0, colon), authKey: decoded.slice(colon + 1) };
}

export interface KnownShop {
  authKey: string;
  contracted: boolean;
}

export type Authentication = { ok: false } | { ok: true; shopId: string; contracted: boolean };

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Who is calling. A listed shop needs its own key; in lenient mode a shop nobody listed is taken
 * at its word with any non-empty key, and counts as contracted.
 */
export function authenticate(
  credentials: Credentials | undefined,
  shops: ReadonlyMap<string, KnownShop>,
  lenient: boolean,
): Authentication {
  if (credentials === undefined || credentials.authKey === '') return { ok: false };
  const shop = shops.get(credentials.shopId);
  if (shop === undefined) return lenient ? { ok: true, shopId: credentials.shopId, contracted: true } : { ok: false };
  if (!sameSecret(credentials.authKey, shop.authKey)) return { ok: false };
  return { ok: true, shopId: credentials.shopId, contracted: shop.contracted };
}
