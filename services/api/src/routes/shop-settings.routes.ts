import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { getShopSettings, saveShopSettings, type Pool } from '@shopserve-sync/db';
import { commonErrorResponses, errorBodySchema } from '../schemas/error-body.schema.ts';
import { shopParamsSchema, shopSettingsInputSchema, shopSettingsSchema } from '../schemas/shop-settings.schema.ts';

export interface ShopSettingsRoutesOptions {
  pool: Pool;
}

async function shopExists(pool: Pool, shopId: string): Promise<boolean> {
  const { rows } = await pool.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM shops WHERE id = $1) AS found', [
    shopId,
  ]);
  return rows[0]?.found === true;
}

function unknownShop(shopId: string) {
  return { error: 'shop_not_found', message: `The OMS knows no shop ${shopId}.` };
}

export const shopSettingsRoutes: FastifyPluginCallbackZod<ShopSettingsRoutesOptions> = (app, { pool }, done) => {
  app.put(
    '/shops/:shopId/shopserve-settings',
    {
      schema: {
        tags: ['shops'],
        summary: "Save a shop's ShopServe settings (the settings screen)",
        description: 'Saving clears a remembered 401/403 of the shop. The auth key is never returned or logged.',
        params: shopParamsSchema,
        body: shopSettingsInputSchema,
        response: {
          200: shopSettingsSchema,
          404: errorBodySchema.describe('the OMS has no such shop'),
          ...commonErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { shopId } = request.params;
      if (!(await shopExists(pool, shopId))) return reply.code(404).send(unknownShop(shopId));
      const saved = await saveShopSettings(pool, shopId, request.body);
      request.log.info(
        { shopId, orderApiEnabled: saved.orderApiEnabled, autoExport: saved.autoExport, revision: saved.revision },
        'shop settings saved',
      );
      return reply.send(saved);
    },
  );

  app.get(
    '/shops/:shopId/shopserve-settings',
    {
      schema: {
        tags: ['shops'],
        summary: "A shop's ShopServe settings, without the auth key, with its last authentication error",
        params: shopParamsSchema,
        response: {
          200: shopSettingsSchema,
          404: errorBodySchema.describe('the OMS has no such shop, or it has no ShopServe settings yet'),
          ...commonErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { shopId } = request.params;
      const settings = await getShopSettings(pool, shopId);
      if (settings) return reply.send(settings);
      if (!(await shopExists(pool, shopId))) return reply.code(404).send(unknownShop(shopId));
      return reply.code(404).send({
        error: 'settings_not_found',
        message: `Shop ${shopId} has no ShopServe settings yet; save them with PUT first.`,
      });
    },
  );
  done();
};
