import { isVendorError } from '../errors/index.js';
import type { RawRecord } from '../mapping/record-codec.js';

/**
 * Some parts of a client are optional to the vendor but can make it refuse the whole client: a
 * customer number another client already has, a custom value for a field the account does not define.
 * A refusal is definite (nothing was written), so the client is sent again without that part, and the
 * part is reported as left out. Each vendor lists its own refusals; the mechanism exists once.
 */
export interface RefusalRule {
  /** Matches the vendor's message of a refusal this rule survives. */
  readonly message: RegExp;
  /** The body without the refused part (given the message's match), or undefined if the body has no such part. */
  readonly without: (body: RawRecord, match: RegExpExecArray) => RawRecord | undefined;
  /** The vendor field the refusal is about, for the report. */
  readonly field: (match: RegExpExecArray) => string;
}

/** A part of a client the vendor refused and that was left out. */
export interface RefusedField {
  readonly field: string;
  readonly message: string;
}

export async function sendWithoutRefusedFields<T>(body: RawRecord, rules: readonly RefusalRule[], send: (body: RawRecord) => Promise<T>): Promise<{ result: T; refused: RefusedField[] }> {
  const refused: RefusedField[] = [];
  let sent = body;
  for (;;) {
    try {
      return { result: await send(sent), refused };
    } catch (error) {
      const retry = retryWithout(error, sent, rules);
      if (retry === undefined) throw error;
      refused.push(retry.refused);
      sent = retry.body;
    }
  }
}

function retryWithout(error: unknown, body: RawRecord, rules: readonly RefusalRule[]): { body: RawRecord; refused: RefusedField } | undefined {
  if (!isVendorError(error) || error.code !== 'VENDOR_REJECTED') return undefined;
  const message = (error).vendorMessage ?? '';
  for (const rule of rules) {
    const match = rule.message.exec(message);
    if (match === null) continue;
    const without = rule.without(body, match);
    // Only a refusal of a part this very body carried is survived (another call may have met it first).
    if (without === undefined || without === body) return undefined;
    return { body: without, refused: { field: rule.field(match), message } };
  }
  return undefined;
}

/** The body without one top-level field. */
export function withoutField(body: RawRecord, field: string): RawRecord | undefined {
  if (!(field in body)) return undefined;
  const { [field]: _dropped, ...rest } = body;
  return rest;
}
