/** Why a manual trigger is refused before anything is enqueued; the API maps each code to a status. */
export type ExportRequestErrorCode = 'shop_not_found' | 'api_option_off';

export class ExportRequestError extends Error {
  override readonly name = 'ExportRequestError';
  constructor(
    readonly code: ExportRequestErrorCode,
    readonly shopIds: readonly string[],
  ) {
    super(
      code === 'shop_not_found'
        ? `The OMS knows no shop ${shopIds.join(', ')}.`
        : `The ShopServe API option (受注・決済API) is not enabled for shop ${shopIds.join(', ')}; enable it in the shop's ShopServe settings first.`,
    );
  }
}
