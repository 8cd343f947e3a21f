import { z } from 'zod';

/**
 * How a shop authenticates to ShopServe: HTTP Basic with the ShopServe shop ID as the user and
 * the manager auth key (マネージャー認証キー) as the password. The key is a secret: it goes into
 * the Authorization header and nowhere else.
 */
export const ShopServeCredentials = z.object({
  shopserveShopId: z.string(),
  authKey: z.string(),
});
export type ShopServeCredentials = z.infer<typeof ShopServeCredentials>;
