/**
 * The two paging styles of our vendors, as async iterators (stripe's `for await … of list()`).
 * Each yields records one by one and fetches the next page only when the caller gets there.
 */

/**
 * Offset paging without a total (EenvoudigFactureren `skip`/`take`, FactuurSturen `start`/`count`).
 * Stops at an empty page, or at a page that is shorter than asked AND shorter than an earlier page:
 * a server that silently caps the page size (pages of 50 when 100 were asked) keeps being read,
 * while the usual last page ends the listing (docs/wire-decisions.md). N records cost
 * ⌊N / pageSize⌋ + 1 calls; a single short first page costs one extra, empty call.
 * The offset advances by what was received, never by what was asked.
 */
export async function* pageByOffset<T>(pageSize: number, fetchPage: (offset: number, limit: number) => Promise<readonly T[]>): AsyncGenerator<T> {
  let offset = 0;
  let longest = 0;
  for (;;) {
    const page = await fetchPage(offset, pageSize);
    yield* page;
    if (page.length === 0) return;
    if (page.length < pageSize && page.length < longest) return;
    longest = Math.max(longest, page.length);
    offset += page.length;
  }
}

export interface NumberedPage<T> {
  readonly items: readonly T[];
  /** The total the vendor announces (Billomat `@total`), when it does. */
  readonly total?: number | undefined;
}

/**
 * Page-number paging with a total (Billomat `page`/`per_page`, `@total`): stops once `total`
 * records were read, at an empty page, or (without a total) at a short page. 2,500 clients at
 * 1,000 per page cost exactly 3 calls.
 */
export async function* pageByNumber<T>(perPage: number, fetchPage: (page: number, perPage: number) => Promise<NumberedPage<T>>): AsyncGenerator<T> {
  let seen = 0;
  for (let page = 1; ; page += 1) {
    const { items, total } = await fetchPage(page, perPage);
    yield* items;
    seen += items.length;
    if (items.length === 0) return;
    if (total !== undefined ? seen >= total : items.length < perPage) return;
  }
}
