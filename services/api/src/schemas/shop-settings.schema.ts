import { z } from 'zod';
import { shopIdSchema } from '@shopserve-sync/export-runs';

export const shopParamsSchema = z.object({ shopId: shopIdSchema });

/** The settings screen: "use the Order/Payment API", "automatic export", and the credentials. */
export const shopSettingsInputSchema = z.strictObject({
  shopserveShopId: z
    .string()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .regex(/^[^:\s]*$/, 'must not contain ":" or spaces (it is the user of HTTP Basic)')
    .describe('the ShopServe shop ID'),
  authKey: z
    .string()
    .min(1, 'must not be empty')
    .max(512, 'must be at most 512 characters')
    .describe('the manager auth key (マネージャー認証キー); stored, never returned or logged'),
  orderApiEnabled: z.boolean().describe('API option: Order/Payment API (受注・決済API) = use'),
  autoExport: z.boolean().describe('automatic export (自動書き出し), about every 30 minutes'),
});

/** Saved settings as shown: never the auth key. */
export const shopSettingsSchema = z
  .object({
    shopId: z.string(),
    shopserveShopId: z.string(),
    orderApiEnabled: z.boolean(),
    autoExport: z.boolean(),
    revision: z.number().int().describe('grows on every save'),
    updatedAt: z.string(),
    lastAuthError: z
      .object({ reason: z.enum(['unauthorized', 'api_not_contracted']), message: z.string(), at: z.string() })
      .nullable()
      .describe("ShopServe's last 401/403 for these settings; cleared by saving them again"),
  })
  .meta({ id: 'ShopSettings' });
