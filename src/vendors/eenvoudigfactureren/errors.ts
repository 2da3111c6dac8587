import { z } from 'zod';
import type { VendorErrorCode } from '../../errors/index.js';
import { isRecord, parseRetryAfter, xmlRootContent, type ParsedBody, type VendorAnswer, type VendorProtocol, type VendorRequest } from '../../http/index.js';

/**
 * EenvoudigFactureren errors: JSON `{"error":"msg"}`, XML `<data><error>msg</error></data>`
 * (https://eenvoudigfactureren.freshdesk.com/nl/support/solutions/articles/101000435238), and
 * **sometimes with HTTP 200**: `{"code":400,"error":"Syntax error"}` on `POST /clients` (the Java
 * client's "sc=200 in this case"; EF's own plugin checks every body for `error`). VENDORS.md §1.5.
 */
const ErrorBodySchema = z.looseObject({
  error: z.union([z.string().min(1), z.number(), z.looseObject({ message: z.string() })]),
  code: z.union([z.number(), z.string().regex(/^\d{3}$/)]).optional(),
});

function errorBody(body: ParsedBody): z.infer<typeof ErrorBodySchema> | undefined {
  if (body.format === 'json') return ErrorBodySchema.safeParse(body.data).data;
  if (body.format === 'xml') return ErrorBodySchema.safeParse(xmlRootContent(body.data)).data;
  return undefined;
}

function messageOf(body: ParsedBody): string | undefined {
  const parsed = errorBody(body);
  if (parsed !== undefined) return isRecord(parsed.error) ? parsed.error.message : String(parsed.error);
  // A plain-text answer (a proxy, an old endpoint) is the message itself.
  if (body.format === 'text') return body.text.trim().slice(0, 500) || undefined;
  return undefined;
}

/** `client_id unknown`, `contact_id unknown`: the id in the path does not exist (seen with several statuses). */
const UNKNOWN_ID = /\b[a-z_]*id unknown\b/i;

export function createEenvoudigFacturerenProtocol(xmlListPaths: ReadonlySet<string>): VendorProtocol {
  return {
    vendor: 'eenvoudigfactureren',
    xmlListPaths,
    errorMessage: messageOf,
    // No rate-limit headers are documented (VENDORS.md §1.4 [?]); only Retry-After on a 429 is used.
    rateSignal: () => ({}),
    isRateLimited: (answer) => answer.status === 429,
    limitResetAt(answer, now) {
      const wait = parseRetryAfter(answer.headers['retry-after'], now);
      return wait === undefined ? undefined : now + wait;
    },
    classify(answer: VendorAnswer, request: VendorRequest): VendorErrorCode | undefined {
      const parsed = errorBody(answer.body);
      if (parsed === undefined) return undefined;
      const message = messageOf(answer.body) ?? '';
      if (UNKNOWN_ID.test(message) && request.byId === true) return 'VENDOR_NOT_FOUND';
      if (answer.status < 200 || answer.status >= 300) return undefined;
      // An error inside a 200: the body's own code says what kind (400 → refused, 5xx → the server failed).
      const code = parsed.code === undefined ? 400 : Number(parsed.code);
      return code >= 500 ? 'VENDOR_UNAVAILABLE' : 'VENDOR_REJECTED';
    },
  };
}
