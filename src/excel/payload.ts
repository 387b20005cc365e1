/**
 * Request sizes. Excel on the web refuses a request or a response above 5 MB (RequestPayloadSizeLimitExceeded /
 * ResponsePayloadSizeLimitExceeded); Office Scripts documents the same limit ("Requests and responses are limited
 * to 5MB"). The adapter plans writes so that one `context.sync()` carries at most ~4 MB by its own estimate,
 * leaving a quarter of the limit for the envelope Office.js adds around each call. Pure, no Office.js.
 */

export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** What the adapter allows itself per sync, by estimate. */
export const SYNC_BUDGET_BYTES = 4 * 1024 * 1024;
/**
 * Envelope of one queued call (object path + action JSON, e.g.
 * `{"Id":12,"ActionType":4,"Name":"values","ObjectPathId":5,"ArgumentInfo":{"Arguments":[…]}}` plus its path).
 * Deliberately generous.
 */
export const CALL_OVERHEAD_BYTES = 240;

/** UTF-8 length of a string without TextEncoder/Buffer (works in every webview and in Node). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** UTF-8 size of a value's JSON. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? 'null');
}

/** Split items, in order, into groups whose estimated bytes stay within the budget (an oversized item goes alone). */
export function groupByBudget<T>(items: readonly T[], bytesOf: (item: T) => number, budget = SYNC_BUDGET_BYTES): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const b = bytesOf(item);
    if (current.length > 0 && size + b > budget) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += b;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
