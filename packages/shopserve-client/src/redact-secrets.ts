export const SECRET_PLACEHOLDER = '[redacted]';

/** `text` with every occurrence of each non-empty secret replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((secret) => secret !== '')
    .sort((a, b) => b.length - a.length)
    .reduce((result, secret) => result.replaceAll(secret, SECRET_PLACEHOLDER), text);
}
