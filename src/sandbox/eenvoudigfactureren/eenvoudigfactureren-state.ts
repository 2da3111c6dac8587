import { z } from 'zod';
import { createRecordTable, type RecordTable } from '../record-table.js';
import type { JsonRecord } from '../reply.js';
import type { EfCustomField } from './client-writes.js';

/** One EF account: its clients (in EF's JSON shape) and the indexes lookups need. */
export interface EfState {
  readonly clients: RecordTable;
  readonly customFields: readonly EfCustomField[];
  readonly nextClientId: () => string;
  readonly nextContactId: () => string;
  /** Stores a client and keeps the indexes current. */
  put(record: JsonRecord): void;
  remove(id: string): boolean;
  /** The client holding a customer number, if any (EF refuses duplicates: `number not unique`). */
  idByNumber(number: string): string | undefined;
  /** The highest all-digits customer number, for automatic numbering. */
  highestNumber(): number;
  /** Clients whose external_client_id is exactly `value` (EF does not enforce uniqueness). */
  byExternalId(value: string): JsonRecord[];
  exportState(baseUrl: string): unknown;
}

const SavedSchema = z.object({
  baseUrl: z.string(),
  nextContactId: z.number().int(),
  clients: z.array(z.record(z.string(), z.unknown())),
});

/** The first ids EF hands out here (seed 001 numbers its examples from 1001 and 2002). */
const FIRST_CLIENT_ID = 1001;
const FIRST_CONTACT_ID = 2001;

/**
 * Creates the state, empty or from a saved one. Saved URIs carry the old port, so they are
 * rewritten to `baseUrl` on load.
 */
export function createEfState(customFields: readonly EfCustomField[], baseUrl: string, saved?: unknown): EfState {
  const clients = createRecordTable('client_id');
  const numbers = new Map<string, string>();
  const externalIds = new Map<string, Set<string>>();
  let contactId = FIRST_CONTACT_ID;
  let highest = 0;

  const unindex = (record: JsonRecord): void => {
    const id = String(record.client_id);
    if (numbers.get(String(record.number)) === id) numbers.delete(String(record.number));
    externalIds.get(String(record.external_client_id))?.delete(id);
  };
  const state: EfState = {
    clients,
    customFields,
    nextClientId: () => clients.nextId(FIRST_CLIENT_ID),
    nextContactId: () => String(contactId++),
    put(record) {
      const id = String(record.client_id);
      const before = clients.get(id);
      if (before !== undefined) unindex(before);
      clients.set(id, record);
      const number = String(record.number);
      if (number !== '') numbers.set(number, id);
      if (/^\d{1,15}$/.test(number)) highest = Math.max(highest, Number(number));
      const external = String(record.external_client_id);
      if (external !== '') {
        let ids = externalIds.get(external);
        if (ids === undefined) externalIds.set(external, (ids = new Set()));
        ids.add(id);
      }
    },
    remove(id) {
      const before = clients.get(id);
      if (before === undefined) return false;
      unindex(before);
      return clients.delete(id);
    },
    idByNumber: (number) => numbers.get(number),
    highestNumber: () => highest,
    byExternalId: (value) => [...(externalIds.get(value) ?? [])].map((id) => clients.get(id)).filter((r): r is JsonRecord => r !== undefined),
    exportState: (url) => ({ baseUrl: url, nextContactId: contactId, clients: clients.ordered() }),
  };

  if (saved !== undefined) {
    const data = SavedSchema.parse(saved);
    contactId = data.nextContactId;
    for (const record of data.clients) state.put(rebase(record, data.baseUrl, baseUrl) as JsonRecord);
  }
  return state;
}

/** Replaces a saved base URL in every `uri` of a record (the port changes between runs). */
function rebase(value: unknown, from: string, to: string): unknown {
  if (from === to) return value;
  if (Array.isArray(value)) return value.map((entry) => rebase(entry, from, to));
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonRecord = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === 'uri' && typeof child === 'string' && child.startsWith(from) ? `${to}${child.slice(from.length)}` : rebase(child, from, to);
  }
  return out;
}
