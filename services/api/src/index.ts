export { buildApi, BOARD_PATH, DOCS_PATH, type Api } from './build-api.ts';
export type { ApiDeps, ApiOptions } from './api-deps.ts';
