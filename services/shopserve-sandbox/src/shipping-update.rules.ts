import { z } from 'zod';
import {
  apiError,
  isDeliveryCompanyCode,
  type ApiError,
  type DeliveryCompanyCode,
  type FieldProblem,
} from './shopserve-contract.ts';

/** A `YYYY-MM-DD` that names a day of the calendar (no 2026-02-30). */
export function isRealCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * `ShippingUpdate` of the contract, except that `deliveryCompanyCode` is any string here: a code
 * outside the list is rule 3's, not rule 1's.
 */
const shippingUpdateBody = z.strictObject(
  {
    shippingStatus: z.literal('Shipped', { error: 'expected "Shipped"' }).optional(),
    deliveryCompanyCode: z.string({ error: 'expected a string' }).optional(),
    slipNumber: z
      .string({ error: 'expected a string' })
      .regex(/^[0-9A-Za-z-]{1,40}$/, 'expected 1-40 ASCII letters, digits or hyphens')
      .optional(),
    scheduledShipDate: z
      .string({ error: 'expected a string' })
      .superRefine((value, context) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
          context.addIssue({ code: 'custom', message: 'expected a date YYYY-MM-DD' });
        else if (!isRealCalendarDate(value))
          context.addIssue({ code: 'custom', message: 'expected a real calendar date' });
      })
      .optional(),
  },
  { error: 'expected a JSON object' },
);

export type ShippingUpdate = Omit<z.infer<typeof shippingUpdateBody>, 'deliveryCompanyCode'> & {
  deliveryCompanyCode?: DeliveryCompanyCode;
};

function problems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, message: 'unknown field' }));
    }
    const field = issue.path.map(String).join('.');
    return [{ field: field === '' ? 'body' : field, message: issue.message }];
  });
}

function invalid(details: FieldProblem[]): { ok: false; error: ApiError } {
  return { ok: false, error: apiError('VALIDATION_ERROR', '入力内容に誤りがあります', { details }) };
}

export type ShippingUpdateDecision<O> = { ok: true; update: ShippingUpdate; order: O } | { ok: false; error: ApiError };

/**
 * The rules of `updateShipping`, in the contract's order: the first rule a request breaks decides
 * the answer. `findOrder` is asked only once the body is valid.
 */
export function decideShippingUpdate<O extends { cancelled: boolean }>(
  body: unknown,
  findOrder: () => O | undefined,
): ShippingUpdateDecision<O> {
  // 1. the body matches ShippingUpdate
  const parsed = shippingUpdateBody.safeParse(body);
  if (!parsed.success) return invalid(problems(parsed.error));
  if (Object.keys(parsed.data).length === 0)
    return invalid([{ field: 'body', message: 'at least one field is required' }]);
  // 2. the order exists and is not cancelled
  const order = findOrder();
  if (order === undefined) return { ok: false, error: apiError('ORDER_NOT_FOUND', '指定された受注が見つかりません') };
  if (order.cancelled) return { ok: false, error: apiError('ORDER_CANCELLED', 'キャンセルされた受注は更新できません') };
  // 3. a known carrier
  const { deliveryCompanyCode, ...rest } = parsed.data;
  if (deliveryCompanyCode !== undefined && !isDeliveryCompanyCode(deliveryCompanyCode)) {
    return {
      ok: false,
      error: apiError('UNKNOWN_DELIVERY_COMPANY', '配送会社コードが不正です', {
        details: [{ field: 'deliveryCompanyCode', message: 'not a ShopServe carrier code' }],
      }),
    };
  }
  // 4. a slip number
  if (rest.slipNumber === undefined || rest.slipNumber === '') {
    return { ok: false, error: apiError('SLIP_NUMBER_REQUIRED', '伝票番号が指定されていません') };
  }
  // 5. "Shipped" names its carrier
  if (rest.shippingStatus === 'Shipped' && deliveryCompanyCode === undefined) {
    return { ok: false, error: apiError('DELIVERY_COMPANY_REQUIRED', '発送済みにするには配送会社の指定が必要です') };
  }
  return { ok: true, update: deliveryCompanyCode === undefined ? rest : { ...rest, deliveryCompanyCode }, order };
}
