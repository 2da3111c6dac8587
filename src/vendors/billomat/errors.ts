import { z } from 'zod';
import { parseCount, parseResetEpoch, type ParsedBody, type VendorAnswer, type VendorProtocol } from '../../http/index.js';

/**
 * Billomat errors: `{"errors":{"error":"msg"}}` where `error` may also be an array of messages
 * (hausgold/billomat gateway_spec.rb; Phobetor ErrorHandlerListener.php), XML `<errors><error>…`
 * (https://www.billomat.com/api/grundlagen/fehler/), HTML 502 pages from the load balancer.
 * VENDORS.md §3.5.
 */
const ErrorsSchema = z.looseObject({
  errors: z.looseObject({ error: z.union([z.string(), z.array(z.string())]) }),
});

function messageOf(body: ParsedBody): string | undefined {
  if (body.format === 'text') return body.text.trim().slice(0, 500) || undefined;
  if (body.format !== 'json' && body.format !== 'xml') return undefined;
  const parsed = ErrorsSchema.safeParse(body.data);
  if (!parsed.success) return undefined;
  const { error } = parsed.data.errors;
  return (Array.isArray(error) ? error.join('; ') : error) || undefined;
}

/** "Maximum number of requests (300 per 15 minutes) reached. Try again in 246 seconds." (VENDORS.md §3.4) */
const TRY_AGAIN = /try again in (\d+) seconds?/i;

/** A 400 about the app's secret or id is a credentials problem (`{"errors":{"error":"invalid secret"}}`, hausgold spec). */
const BAD_APP_CREDENTIALS = /invalid (app[ -]?)?(secret|id)\b|api[ -]?key/i;

export function createBillomatProtocol(xmlListPaths: ReadonlySet<string>): VendorProtocol {
  return {
    vendor: 'billomat',
    xmlListPaths,
    errorMessage: messageOf,
    // `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` (UTC epoch seconds of the next window) on every answer.
    rateSignal: (answer: VendorAnswer) => ({
      remaining: parseCount(answer.headers['x-rate-limit-remaining']),
      resetAt: parseResetEpoch(answer.headers['x-rate-limit-reset']),
    }),
    isRateLimited: (answer) => answer.status === 429,
    limitResetAt(answer, now) {
      const reset = parseResetEpoch(answer.headers['x-rate-limit-reset']);
      if (reset !== undefined) return reset;
      const seconds = TRY_AGAIN.exec(messageOf(answer.body) ?? '')?.[1];
      return seconds === undefined ? undefined : now + Number(seconds) * 1000;
    },
    classify(answer, request, context) {
      // An id outside the account answers 401, not 404 (BillomatNet GetClientByIdWhenNotFound). Once a
      // call on this connection has succeeded the key is good, so a 401 on a by-id call is that id.
      if (answer.status === 401 && request.byId === true && context.succeededBefore) return 'VENDOR_NOT_FOUND';
      if (answer.status === 400 && BAD_APP_CREDENTIALS.test(messageOf(answer.body) ?? '')) return 'VENDOR_AUTH';
      return undefined;
    },
  };
}
