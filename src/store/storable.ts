/**
 * Text both stores can hold. PostgreSQL refuses U+0000 in `text` and in `jsonb`, and a lone UTF-16
 * surrogate in `jsonb`, where SQLite takes both: a person who pastes such a character into a chat
 * would lose their ticket, or their conversation, on PostgreSQL only. Both stores write and look up
 * these characters as U+FFFD (the replacement character) instead, so they keep the same contract.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what PostgreSQL refuses.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string with NUL and unpaired surrogates replaced by U+FFFD; the same string when it has none. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

/**
 * A string's fields made storable; other fields unchanged. Used on every ticket, change and lookup
 * key a store receives, so both stores write, and find, the same text.
 */
export function storableFields<T extends object>(record: T): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) if (typeof value === 'string') copy[key] = storableText(value);
  return copy as T;
}

/**
 * `JSON.stringify` of a conversation state or an event's data, with storable strings. JSON writes
 * U+0000 and unpaired surrogates as \u escapes: only when one may be there are the strings redone.
 */
export function storableJson(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  if (!/\\u(?:0000|d[89a-f])/i.test(json)) return json;
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? storableText(item) : item));
}

/** The `data` column of an event: its storable JSON, or null when the event has none. */
export function storableEventData(data: Record<string, unknown> | undefined): string | null {
  return data === undefined ? null : storableJson(data);
}
