import { isVendorError, type VendorError } from '../errors/index.js';
import type { CheckOutcome, CheckResult } from '../vendors/types.js';
import type { HttpClient } from './create-http-client.js';
import { wasNeverSent } from './to-vendor-error.js';
import type { VendorAnswer, VendorRequest } from './vendor-protocol.js';

function outcomeOf(error: VendorError): CheckOutcome {
  switch (error.code) {
    case 'VENDOR_AUTH':
      return 'wrong-credentials';
    case 'VENDOR_RATE_LIMITED':
      // Only an account that got in can have used up its budget.
      return 'ok';
    case 'VENDOR_UNAVAILABLE':
    case 'VENDOR_OUTCOME_UNKNOWN': {
      const network = error.context.network;
      // DNS failure, refused connection, bad certificate: nothing answers at that address.
      return typeof network === 'string' && wasNeverSent(network) ? 'wrong-url' : 'vendor-down';
    }
    case 'VENDOR_NOT_FOUND':
    case 'VENDOR_RESPONSE_INVALID':
    case 'VENDOR_REJECTED':
    case 'VENDOR_DELETE_REFUSED':
      return 'wrong-url';
  }
}

/**
 * One cheap call that tells "wrong key" (401/403) from "wrong URL" (404, an answer that is not the
 * vendor's API, nothing listening) from "vendor down" (5xx, timeouts). Never retried, never waits.
 */
export async function checkConnection(http: HttpClient, request: Omit<VendorRequest, 'retry'>, isVendorAnswer: (answer: VendorAnswer) => boolean): Promise<CheckResult> {
  try {
    const answer = await http.send({ ...request, retry: 'none' });
    if (!isVendorAnswer(answer)) {
      return { outcome: 'wrong-url', message: `${request.method} ${request.path} answered HTTP ${answer.status}, but not the way this vendor's API does: check the base URL` };
    }
    return { outcome: 'ok', message: 'credentials accepted' };
  } catch (error) {
    if (!isVendorError(error)) throw error;
    const outcome = outcomeOf(error);
    return { outcome, message: outcome === 'ok' ? `credentials accepted; ${error.message}` : error.message };
  }
}
