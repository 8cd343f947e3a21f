/** Japan has no daylight saving time: JST is always UTC+9. */
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** RFC 3339 in Japan time, whole seconds: `2026-11-28T10:15:30+09:00`. */
export function formatJst(epochMs: number): string {
  return `${new Date(epochMs + JST_OFFSET_MS).toISOString().slice(0, 19)}+09:00`;
}
