import { z } from 'zod';
import { fail, ok, type Normalized } from './normalized.js';

const EmailSchema = z.email();

/** E-mail address trimmed, with its domain in lower case (the local part is case-sensitive by RFC 5321). */
export function normalizeEmail(input: string): Normalized {
  const value = input.trim();
  if (value === '') return fail('is empty');
  const at = value.lastIndexOf('@');
  const normal = at < 0 ? value : `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
  return EmailSchema.safeParse(normal).success ? ok(normal) : fail('is not a valid e-mail address');
}

/** The key used to match clients across vendors by e-mail: fully lower case. */
export function emailMatchKey(input: string): string {
  return input.trim().toLowerCase();
}
