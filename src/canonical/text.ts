import { z } from 'zod';

/* eslint-disable no-control-regex -- these patterns exist to find control characters */
// C0 and C1 control characters. Single-line fields (names, streets, codes) never legitimately
// hold them; multi-line fields (notes) may hold tab, line feed and carriage return.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/* eslint-enable no-control-regex */

/** True when a text holds a control character (tab and line breaks allowed when `multiline`). */
export function hasControlCharacter(value: string, multiline = false): boolean {
  return (multiline ? CONTROL_EXCEPT_WHITESPACE : CONTROL).test(value);
}

/** Length as the vendors count it: in Unicode code points, so an emoji counts once. */
export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** One line of text: no control characters, no lone surrogates, never empty (empty means absent). */
export const TextSchema = z
  .string()
  .min(1)
  .refine((s) => !CONTROL.test(s), { error: 'contains a control character' })
  .refine((s) => s.isWellFormed(), { error: 'contains a broken Unicode character (lone surrogate)' });

/** Multi-line text (notes, e-mail intros, HTML): tab and line breaks allowed. */
export const MultilineTextSchema = z
  .string()
  .min(1)
  .refine((s) => !CONTROL_EXCEPT_WHITESPACE.test(s), { error: 'contains a control character' })
  .refine((s) => s.isWellFormed(), { error: 'contains a broken Unicode character (lone surrogate)' });

/** A calendar date, `YYYY-MM-DD`. */
export const DateSchema = z.iso.date();

/** A moment in time, ISO 8601 with an explicit zone offset (`2020-05-15T14:31:37+02:00` or `Z`). */
export const DateTimeSchema = z.iso.datetime({ offset: true });
