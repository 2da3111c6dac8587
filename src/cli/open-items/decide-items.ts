import { ConfigError, type RecordIssue } from '../../errors/index.js';
import { decideItems, handItem, reopenItems, type Decision } from '../../store/open-items.js';
import type { ItemKind, OpenItem, StateStore } from '../../store/types.js';
import { candidateLabels, onlyCandidate } from '../../sync/decisions.js';

/*
 * The one code path of a decision, for the command line and the web console alike: find the items,
 * check that the decision fits each one, check a typed value against both vendors' limits, and
 * store it with who took it. The next run of the pair carries it out.
 */

/** A decision as a person asks for it. */
export type DecisionRequest =
  | { readonly action: 'take'; readonly side: 'from' | 'to' }
  | { readonly action: 'value'; readonly text: string }
  | { readonly action: 'accept'; readonly candidate?: string | undefined }
  | { readonly action: 'reject' }
  | { readonly action: 'ignore' }
  | { readonly action: 'unignore' }
  | { readonly action: 'skip' }
  | { readonly action: 'retry' };

/** Which items a decision may be taken on. */
const FITS: Readonly<Record<DecisionRequest['action'], readonly ItemKind[]>> = {
  take: ['conflict'],
  value: ['conflict'],
  accept: ['review'],
  reject: ['review'],
  ignore: ['conflict', 'review', 'invalid', 'failed'],
  unignore: ['conflict', 'review', 'invalid', 'failed'],
  // A failed write is tried again by every run anyway: skipping it "until its source changes" would
  // only hide it until the next run fails it again. Ignore is the way to stop a record for good.
  skip: ['invalid'],
  retry: ['invalid', 'failed'],
};

/** Checks a typed value for one canonical field against both sides' limits (issues name the vendor field and rule). */
export type ValueCheck = (item: OpenItem, value: unknown) => Promise<readonly RecordIssue[]>;

export interface DecideInput {
  readonly store: StateStore;
  /** Item ids, or a bulk selection (`--all --pair P [--field F]`). */
  readonly ids: readonly string[];
  readonly bulk?: { readonly pair: string; readonly field?: string | undefined } | undefined;
  readonly request: DecisionRequest;
  /** The OS user, or `--by`. */
  readonly by: string;
  readonly now: number;
  /** Needed for `value`. */
  readonly checkValue?: ValueCheck | undefined;
}

/** A typed value in the shape of the values in conflict: a number, a yes/no, a list or object as JSON, else text. */
export function parseValue(item: OpenItem, text: string): unknown {
  const values = item.detail.values as { from?: unknown; to?: unknown } | undefined;
  const sample = values?.from ?? values?.to;
  const fail = (rule: string): never => {
    throw refused([{ key: '--value', message: `${item.id} (${item.field} of ${item.externalId}): ${JSON.stringify(text)} is not ${rule}` }]);
  };
  if (typeof sample === 'number') return Number.isFinite(Number(text)) && text.trim() !== '' ? Number(text) : fail('a number');
  if (typeof sample === 'boolean') return text === 'true' ? true : text === 'false' ? false : fail('true or false');
  if (typeof sample === 'object' && sample !== null) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return fail('JSON (this field holds a list or an object)');
    }
  }
  return text;
}

/** A decision that cannot be taken: exit 2, nothing stored. */
function refused(issues: readonly { key: string; message: string }[]): ConfigError {
  return new ConfigError(issues, { title: 'Decision refused, nothing was decided:' });
}

function selected(input: DecideInput): OpenItem[] {
  const { store } = input;
  const kinds = FITS[input.request.action];
  const states = input.request.action === 'unignore' ? (['dismissed'] as const) : (['open', 'dismissed'] as const);
  if (input.bulk !== undefined) {
    const { pair, field } = input.bulk;
    const found = store.items({ pair, states: [...states] }).filter((item) => kinds.includes(item.kind) && (field === undefined || item.field === field));
    if (found.length === 0) throw refused([{ key: '--all', message: `no open ${kinds.join(' or ')} item of pair ${pair}${field === undefined ? '' : ` on field ${field}`}` }]);
    return found;
  }
  if (input.ids.length === 0) throw refused([{ key: 'id', message: 'name the items (ids as `client-sync review` lists them), or use --all --pair <pair>' }]);
  const found = new Map(store.items({ ids: input.ids }).map((item) => [item.id, item]));
  const issues = input.ids.flatMap((id) => {
    const item = found.get(id);
    if (item === undefined) return [{ key: id, message: 'no open item with this id (see `client-sync review`)' }];
    if (!kinds.includes(item.kind)) return [{ key: id, message: `is a ${item.kind} item: ${input.request.action} applies to ${kinds.join(' and ')} items` }];
    if (!(states as readonly string[]).includes(item.state)) return [{ key: id, message: input.request.action === 'unignore' ? 'is not ignored' : `is ${item.state} already` }];
    return [];
  });
  if (issues.length > 0) throw refused(issues);
  return input.ids.map((id) => found.get(id) as OpenItem);
}

/** Records a decision on items; returns them as stored. Bad ids or decisions that do not fit are a usage error that loses nothing. */
export async function decide(input: DecideInput): Promise<OpenItem[]> {
  const items = selected(input);
  const { request, store, by, now } = input;
  if (request.action === 'unignore') {
    const notIgnored = items.filter((item) => item.decision?.action !== 'ignore');
    if (notIgnored.length > 0) throw refused(notIgnored.map((item) => ({ key: item.id, message: 'is not ignored' })));
    return reopenItems(store, items, now);
  }
  if (request.action === 'value') {
    if (input.checkValue === undefined) throw new Error('a typed value needs a value check');
    const decided: OpenItem[] = [];
    for (const item of items) {
      const value = parseValue(item, request.text);
      const issues = await input.checkValue(item, value);
      if (issues.length > 0) throw refused(issues.map((issue) => ({ key: `${item.id} (${item.externalId})`, message: `${issue.field}: ${issue.rule} (got ${issue.actual})` })));
      decided.push(...decideItems(store, [item], { action: 'value', value }, by, now));
    }
    return decided;
  }
  if (request.action === 'accept') {
    return items.flatMap((item) => {
      const candidates = candidateLabels(item);
      const candidate = request.candidate ?? onlyCandidate(item);
      if (candidate === undefined || !candidates.includes(candidate)) {
        throw refused([{ key: item.id, message: request.candidate === undefined ? `has ${candidates.length} candidates: name one with --candidate (${candidates.join(', ')})` : `has no candidate ${request.candidate} (candidates: ${candidates.join(', ')})` }]);
      }
      return decideItems(store, [item], { action: 'accept', candidate }, by, now);
    });
  }
  const decision: Decision = request.action === 'take' ? { action: 'take', side: request.side } : { action: request.action };
  return decideItems(store, items, decision, by, now);
}

/** Parses `from:<id>` / `to:<id>`. */
export function recordArgument(text: string, side: 'from' | 'to'): string {
  const prefix = `${side}:`;
  if (!text.startsWith(prefix) || text.length === prefix.length) throw refused([{ key: side, message: `expected ${prefix}<native id of the client in the pair's ${side} connection>, got ${JSON.stringify(text)}` }]);
  return text.slice(prefix.length);
}

/** A link by hand: the two records are the same client. Carried out (link, no create) by the next run. */
export function linkByHand(store: StateStore, input: { pair: string; from: string; to: string; by: string; now: number }): OpenItem {
  const item = handItem(input.pair, 'link', `from:${input.from} to:${input.to}`, { from: input.from, to: input.to }, input.now);
  store.putItems([item]);
  const [decided] = decideItems(store, [item], { action: 'link', from: input.from, to: input.to }, input.by, input.now);
  return decided ?? item;
}

/**
 * An unlink by hand, named by the shared external id or by `from:<native id>`. Carried out by the
 * next run: both links and the pair's snapshots go, and the records are read as strangers again.
 */
export function unlinkByHand(store: StateStore, input: { pair: string; fromConnection: string; record: string; by: string; now: number }): OpenItem {
  let externalId = input.record;
  if (input.record.startsWith('from:')) {
    const native = recordArgument(input.record, 'from');
    const link = store.links(input.fromConnection).find((l) => l.nativeId === native);
    if (link === undefined) throw refused([{ key: input.record, message: `client ${native} of ${input.fromConnection} is not linked` }]);
    externalId = link.externalId;
  } else if (store.link(input.fromConnection, externalId) === undefined) {
    throw refused([{ key: input.record, message: `no link with this external id in ${input.fromConnection}` }]);
  }
  const item = handItem(input.pair, 'unlink', externalId, { externalId }, input.now);
  store.putItems([item]);
  const [decided] = decideItems(store, [item], { action: 'unlink' }, input.by, input.now);
  return decided ?? item;
}
