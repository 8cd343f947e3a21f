import { z } from 'zod';
import type { ShopCredentials } from '@shopserve-sync/db';

export interface ShopSettingsCache {
  /**
   * The shop's settings, at most `ttlMs` old; `fresh` reads them again (a 401/403, or a
   * remembered one, must be checked against the settings as saved now).
   */
  get(shopId: string, options?: { fresh?: boolean }): Promise<ShopCredentials | null>;
  /** What this process remembers of ShopServe refusing a revision of a shop's settings. */
  authFailure(shopId: string, revision: number): AuthFailure | undefined;
  rememberAuthFailure(shopId: string, revision: number, failure: AuthFailure): void;
}

/** ShopServe's 401/403 for one revision of a shop's settings, in its own words (no credential). */
export const AuthFailure = z.object({
  reason: z.enum(['unauthorized', 'api_not_contracted']),
  message: z.string(),
});
export type AuthFailure = z.infer<typeof AuthFailure>;

interface Entry {
  loaded: Promise<ShopCredentials | null>;
  at: number;
}

/**
 * Settings per shop, kept briefly so that a thousand pushes of one shop do not read them a
 * thousand times, and shared by the jobs asking at the same moment. Keys stay in this process's
 * memory only.
 */
export function createShopSettingsCache(
  load: (shopId: string) => Promise<ShopCredentials | null>,
  ttlMs: number,
  now: () => number = Date.now,
): ShopSettingsCache {
  const entries = new Map<string, Entry>();
  const authFailures = new Map<string, { revision: number; failure: AuthFailure }>();

  function loadInto(shopId: string): Promise<ShopCredentials | null> {
    const loaded = load(shopId);
    const entry = { loaded, at: now() };
    entries.set(shopId, entry);
    // A failed read is not kept: the next job reads again.
    loaded.catch(() => {
      if (entries.get(shopId) === entry) entries.delete(shopId);
    });
    return loaded;
  }

  return {
    get(shopId, options = {}) {
      const entry = entries.get(shopId);
      if (options.fresh !== true && entry !== undefined && now() - entry.at < ttlMs) return entry.loaded;
      return loadInto(shopId);
    },
    authFailure(shopId, revision) {
      const remembered = authFailures.get(shopId);
      return remembered?.revision === revision ? remembered.failure : undefined;
    },
    rememberAuthFailure(shopId, revision, failure) {
      authFailures.set(shopId, { revision, failure });
    },
  };
}
