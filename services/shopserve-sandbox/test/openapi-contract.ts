import { readFileSync } from 'node:fs';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import { parse } from 'yaml';

export type OperationId = 'getOrder' | 'updateShipping';

/** The contract every ShopServe server is checked against; the client package keeps it. */
const CONTRACT_FILE = new URL('../../../packages/shopserve-client/openapi/shopserve-api.yaml', import.meta.url);

/** RFC 3339 date-time; the offset is required (`Z` or `±hh:mm`). */
const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

export interface ContractAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Checks answers against the OpenAPI document with openapi-backend (Ajv underneath): the status
 * must be one the operation declares, and body and headers must match its schemas.
 */
export async function loadContract(): Promise<(operation: OperationId, answer: ContractAnswer) => string[]> {
  const definition = parse(readFileSync(CONTRACT_FILE, 'utf8')) as Document;
  const api = new OpenAPIBackend({
    definition,
    quick: true,
    customizeAjv: (ajv) => {
      ajv.addFormat('date-time', RFC3339_DATE_TIME);
      return ajv;
    },
  });
  await api.init();

  return (operation, answer) => {
    const declared = Object.keys(api.getOperation(operation)?.responses ?? {});
    if (!declared.includes(String(answer.status))) {
      return [`status ${answer.status} is not declared for ${operation} (${declared.join(', ')})`];
    }
    const headers = Object.fromEntries(answer.headers.entries());
    const problems = [
      ...(api.validateResponse(answer.body, operation, answer.status).errors ?? []),
      ...(api.validateResponseHeaders(headers, operation, { statusCode: answer.status }).errors ?? []),
    ].map((error) => `${error.instancePath || '(root)'} ${error.message ?? error.keyword}`);
    if (!/^application\/json; ?charset=utf-8$/i.test(answer.headers.get('content-type') ?? '')) {
      problems.push(`content-type is ${answer.headers.get('content-type') ?? 'missing'}`);
    }
    return problems;
  };
}
