import type { JsonRecord } from './reply.js';

/**
 * Serialised records, cached per record object. Stored records are never changed in place (every
 * write stores a new object), so a cached text is valid for as long as its object lives, and a
 * WeakMap forgets it with the object. Listing 10,000 clients then costs string joins, not
 * 10,000 JSON.stringify calls per page.
 */
export interface JsonCache {
  /** The UTF-8 JSON bytes of one record. */
  bytes(record: JsonRecord): Buffer;
  /** The UTF-8 bytes of `prefix`, the records as a JSON array (`[{…},{…}]`), then `suffix`. */
  array(records: readonly JsonRecord[], prefix?: string, suffix?: string): Buffer;
}

const COMMA = Buffer.from(',');

/** Creates an empty cache (one per simulator). */
export function createJsonCache(): JsonCache {
  // Bytes, not strings: a page is then one memory copy, with no UTF-8 encoding per request.
  const cache = new WeakMap<JsonRecord, Buffer>();
  const bytes = (record: JsonRecord): Buffer => {
    let cached = cache.get(record);
    if (cached === undefined) {
      cached = Buffer.from(JSON.stringify(record), 'utf8');
      cache.set(record, cached);
    }
    return cached;
  };
  return {
    bytes,
    array(records, prefix = '', suffix = '') {
      const parts: Buffer[] = [Buffer.from(`${prefix}[`)];
      records.forEach((record, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(bytes(record));
      });
      parts.push(Buffer.from(`]${suffix}`));
      return Buffer.concat(parts);
    },
  };
}
