import type { IncomingHttpHeaders } from 'node:http';

/** The answer formats every vendor speaks: XML by default, JSON on request (wire-decisions.md). */
export type ResponseFormat = 'json' | 'xml';

/** A request as a vendor route sees it. */
export interface SimRequest {
  /** Upper case. */
  readonly method: string;
  /** The path below the base URL (`/clients/12`). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  /** The negotiated answer format. */
  readonly format: ResponseFormat;
}

/** A JSON value, `@`-prefixed keys being XML attributes (Billomat `@page`). */
export type JsonRecord = Record<string, unknown>;

/** The body of a reply. */
export type ReplyBody =
  /**
   * Serialised as `json` (or by `jsonBytes`, a faster way to the same UTF-8 text) or, for XML, as
   * the element tree `xml` (its single key is the root element; a function builds it only when asked).
   */
  | { readonly kind: 'data'; readonly json: unknown; readonly xml: JsonRecord | (() => JsonRecord); readonly jsonBytes?: () => Buffer }
  | { readonly kind: 'text'; readonly text: string; readonly contentType: string }
  | { readonly kind: 'empty' };

/** What a route answers. */
export interface Reply {
  readonly status: number;
  readonly body: ReplyBody;
  readonly headers?: Readonly<Record<string, string>>;
  /** Leave out the rate-limit headers (FactuurSturen's delete refusal, wire-decisions.md). */
  readonly noRateHeaders?: boolean;
}

/** A structured answer, the same data as JSON or as an XML tree. */
export function dataReply(status: number, json: unknown, xml: JsonRecord | (() => JsonRecord), headers?: Record<string, string>): Reply {
  return headers === undefined ? { status, body: { kind: 'data', json, xml } } : { status, body: { kind: 'data', json, xml }, headers };
}

/** A plain-text answer (FactuurSturen's create receipt and its errors). */
export function textReply(status: number, text: string, contentType = 'text/plain; charset=utf-8'): Reply {
  return { status, body: { kind: 'text', text, contentType } };
}

/** An answer without a body. */
export function emptyReply(status: number, headers?: Record<string, string>): Reply {
  return headers === undefined ? { status, body: { kind: 'empty' } } : { status, body: { kind: 'empty' }, headers };
}

/** Returns the reply with extra headers. */
export function withHeaders(reply: Reply, headers: Readonly<Record<string, string>>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}
