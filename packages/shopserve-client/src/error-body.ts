import { z } from 'zod';

/** Every error code the contract lists; `error-classification.ts` must classify each one. */
export const SHOPSERVE_ERROR_CODES = [
  'VALIDATION_ERROR',
  'SLIP_NUMBER_REQUIRED',
  'DELIVERY_COMPANY_REQUIRED',
  'UNKNOWN_DELIVERY_COMPANY',
  'UNAUTHORIZED',
  'API_NOT_CONTRACTED',
  'ORDER_NOT_FOUND',
  'ORDER_CANCELLED',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
] as const;

export const ShopServeErrorCode = z.enum(SHOPSERVE_ERROR_CODES);
export type ShopServeErrorCode = z.infer<typeof ShopServeErrorCode>;

/**
 * ShopServe's error body. `code` is read as any string so that an answer with a code the
 * contract does not list is still understood (and classified by its status).
 */
export const ShopServeErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), message: z.string().optional() })).optional(),
  }),
});
export type ShopServeErrorBody = z.infer<typeof ShopServeErrorBody>;
