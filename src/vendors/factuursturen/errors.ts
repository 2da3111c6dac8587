import { z } from 'zod';
import { parseCount, parseResetEpoch, xmlRootContent, type ParsedBody, type VendorAnswer, type VendorProtocol } from '../../http/index.js';

/**
 * FactuurSturen errors. The body format is undocumented (VENDORS.md §2.5 [?]): SDKs surface the
 * raw body, which suggests plain text; one PHP SDK expects `{"error":{"message","code"}}`. Both are
 * read, and `{"error":"…"}` too (wire-decisions.md `errorFormat: text | json`).
 */
const NestedErrorSchema = z.looseObject({ error: z.looseObject({ message: z.string().min(1) }) });
const FlatErrorSchema = z.looseObject({ error: z.string().min(1) });
const MessageSchema = z.looseObject({ message: z.string().min(1) });

function messageOf(body: ParsedBody): string | undefined {
  if (body.format === 'text') return body.text.trim().slice(0, 500) || undefined;
  if (body.format !== 'json' && body.format !== 'xml') return undefined;
  const data = body.format === 'xml' ? xmlRootContent(body.data) : body.data;
  if (typeof data === 'string' && data !== '') return data;
  return NestedErrorSchema.safeParse(data).data?.error.message ?? FlatErrorSchema.safeParse(data).data?.error ?? MessageSchema.safeParse(data).data?.message;
}

const remainingOf = (answer: VendorAnswer): number | undefined => parseCount(answer.headers['x-ratelimit-remaining']);

export function createFactuurSturenProtocol(xmlListPaths: ReadonlySet<string>): VendorProtocol {
  return {
    vendor: 'factuursturen',
    xmlListPaths,
    errorMessage: messageOf,
    // `X-RateLimit-Remaining` on every answer, "for this hour" (reinoud/factuursturen); a reset header
    // is not documented but read when sent (wire-decisions.md `sendReset`).
    rateSignal: (answer) => ({ remaining: remainingOf(answer), resetAt: parseResetEpoch(answer.headers['x-ratelimit-reset']) }),
    // FactuurSturen signals an exhausted budget as 403 with `X-RateLimit-Remaining: 0`, not 429
    // (leonmeijer/Factuursturen.NET TransientExceptionHandler.cs; VENDORS.md §2.4).
    isRateLimited: (answer) => answer.status === 429 || (answer.status === 403 && remainingOf(answer) === 0),
    // Without a reset header the limiter waits for the next full hour (its window end).
    limitResetAt: (answer) => parseResetEpoch(answer.headers['x-ratelimit-reset']),
    // A 403 on DELETE without the limit header: "If there are documents set for this client, like
    // invoices, the client cannot be deleted. The API will return an error with HTTP code 403." (seed 002)
    classify: (answer, request) => (answer.status === 403 && request.deletesClient === true ? 'VENDOR_DELETE_REFUSED' : undefined),
  };
}
