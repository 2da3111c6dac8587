import type { Customer } from '../canonical/customer.js';
import type { RecordIssue } from '../errors/index.js';
import type { Mapping } from '../mapping/mapping.js';
import { getPath, isPlainObject } from '../mapping/_paths.js';
import { excluded } from './fields.js';
import type { PairSettings } from './types.js';

/** Whether `customer` holds a value at a canonical leaf path (`contacts[].mobile`: any contact does). */
export function holdsValue(customer: Customer, path: string): boolean {
  const bracket = path.indexOf('[]');
  if (bracket < 0) {
    if (path.startsWith('extensions.')) {
      const [, vendor = '', ...rest] = path.split('.');
      const extensions = customer.extensions as Record<string, Record<string, unknown> | undefined> | undefined;
      return extensions?.[vendor]?.[rest.join('.')] !== undefined;
    }
    return getPath(customer, path) !== undefined;
  }
  const items = getPath(customer, path.slice(0, bracket));
  const inner = path.slice(bracket + 3);
  return Array.isArray(items) && items.some((item) => isPlainObject(item) && getPath(item, inner) !== undefined);
}

/**
 * One copy of each text the issues repeat: a migration reports the same few fields for nearly every
 * record (six per client from FactuurSturen to Billomat), and a copy per issue was a quarter of a
 * 100,000-client plan's memory. Starts over past its limit, as it only ever holds what it was given.
 */
const SHARED_LIMIT = 10_000;
const sharedTexts = new Map<string, string>();
function shared(text: string): string {
  const found = sharedTexts.get(text);
  if (found !== undefined) return found;
  if (sharedTexts.size >= SHARED_LIMIT) sharedTexts.clear();
  sharedTexts.set(text, text);
  return text;
}

const LIST_SETTING = { contacts: 'contacts', customValues: 'customValues' } as const;

/**
 * Every value `customer` (as its source vendor read it) holds that the target's body does not carry:
 * the paths the source reads, less the paths the target's encoder wrote (`written`, from the same
 * encode that built the body), less what the pair leaves alone on purpose (`exclude`, contacts or
 * custom values switched off) and what is reported already (`reported`: a value the target could not
 * hold). The external id is not a field (it travels as the link and the marker) and facts are never
 * copied. One issue per field, so the run's `dropped` counts records per field.
 */
export function unwrittenFields(input: {
  readonly source: Mapping;
  readonly customer: Customer;
  readonly written: ReadonlySet<string>;
  readonly settings: Pick<PairSettings, 'exclude' | 'contacts' | 'customValues'>;
  readonly reported: readonly RecordIssue[];
  readonly record: string;
  readonly target: string;
}): RecordIssue[] {
  const { source, customer, written, settings } = input;
  const reported = new Set(input.reported.map((issue) => (issue.field.split(' ')[0] ?? '').replace(/\[\d+\]/g, '[]')));
  const out: RecordIssue[] = [];
  for (const [path, field] of source.fields) {
    if (!field.reads || path === 'externalClientId' || path.startsWith('facts.') || written.has(path) || reported.has(path)) continue;
    if (excluded(path, settings.exclude)) continue;
    const list = path.includes('[]') ? path.slice(0, path.indexOf('[]')) : undefined;
    if (list !== undefined && list in LIST_SETTING && !settings[LIST_SETTING[list as keyof typeof LIST_SETTING]]) continue;
    if (!holdsValue(customer, path)) continue;
    out.push({ record: input.record, field: shared(`${path} (${input.target})`), rule: shared(`${input.target} has no place for it`), actual: 'a value' });
  }
  return out;
}
