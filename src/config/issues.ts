import type { z } from 'zod';
import type { ConfigIssue } from '../errors/index.js';
import { allowedKeysAt, CREDENTIAL_KEYS } from './schema.js';

/** Locates a key path in the config file (1-based line), when the file is known. */
export type LineOf = (at: readonly (string | number)[]) => number | undefined;

/** `pairs.nightly.exclude[2]` */
export function keyName(at: readonly (string | number)[]): string {
  let out = '';
  for (const key of at) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out === '' ? '(file)' : out;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping of keys to values',
  record: 'a mapping of keys to values',
  array: 'a list',
};

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return String(value);
    case 'object':
      return 'a mapping of keys to values';
    default:
      return typeof value;
  }
}

/** Edit distance, to suggest the key the user probably meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** "; did you mean 'api_key'?" when one allowed key is close (typos, dashes, camelCase). */
export function suggestion(key: string, allowed: readonly string[]): string {
  const normalized = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replaceAll('-', '_');
  const best = allowed
    .map((candidate) => ({ candidate, d: Math.min(distance(key, candidate), distance(normalized, candidate)) }))
    .sort((a, b) => a.d - b.d)[0];
  return best !== undefined && best.d <= Math.max(1, Math.floor(best.candidate.length / 4)) ? `; did you mean '${best.candidate}'?` : '';
}

function unknownKeyIssues(at: (string | number)[], keys: readonly string[], file: string | undefined, lineOf: LineOf): ConfigIssue[] {
  const allowed = allowedKeysAt(at);
  return keys.map((key) => ({
    file,
    line: lineOf([...at, key]),
    key: keyName([...at, key]),
    message: `unknown key${suggestion(key, allowed)}${allowed.length > 0 ? ` (allowed here: ${allowed.join(', ')})` : ''}`,
  }));
}

/**
 * Turns zod's issues into messages that name the key and say what was expected. Values are only
 * echoed for enumerations: a credential typed into the wrong place must not end up on a terminal.
 */
export function toConfigIssues(issues: readonly z.core.$ZodIssue[], file: string | undefined, lineOf: LineOf): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      out.push(...unknownKeyIssues(at, issue.keys, file, lineOf));
      continue;
    }
    const last = at[at.length - 1];
    const isCredential = typeof last === 'string' && (CREDENTIAL_KEYS as readonly string[]).includes(last);
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      message = issue.input === undefined ? 'is required' : `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    } else if (issue.code === 'invalid_value') {
      const got = typeof issue.input === 'string' && !isCredential ? `, got '${issue.input}'` : '';
      message = `expected one of ${issue.values.map(String).join(', ')}${got}`;
    }
    out.push({ file, line: lineOf(at), key: keyName(at), message });
  }
  return out;
}
