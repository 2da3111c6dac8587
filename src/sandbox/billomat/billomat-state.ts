import { z } from 'zod';
import { createRecordTable, type RecordTable } from '../record-table.js';
import type { JsonRecord } from '../reply.js';

/** A client property (custom attribute) the account defines (`/client-properties`, VENDORS.md §3.8). */
export interface BillomatProperty {
  readonly id: string;
  readonly name: string;
  readonly type: 'TEXTFIELD' | 'TEXTAREA' | 'CHECKBOX';
}

/** One Billomat account: clients, contacts and client property values, with the lookups routes need. */
export interface BillomatState {
  readonly clients: RecordTable;
  readonly contacts: RecordTable;
  readonly properties: readonly BillomatProperty[];
  /** Clients that have documents (invoices…): Billomat refuses to delete them (seed 003). */
  readonly documents: Set<string>;
  readonly nextClientId: () => string;
  readonly nextContactId: () => string;
  readonly nextPropertyValueId: () => string;
  /** The next free customer number ("next free number", seed 003). */
  nextNumber(): number;
  putClient(record: JsonRecord): void;
  removeClient(id: string): boolean;
  byCustomfield(value: string): JsonRecord[];
  putContact(record: JsonRecord): void;
  removeContact(id: string): boolean;
  contactsOf(clientId: string): JsonRecord[];
  /** The property values of a client, as a list (the nested form is object, array or ""). */
  valuesOf(clientId: string): JsonRecord[];
  exportState(): unknown;
}

const SavedSchema = z.object({
  clients: z.array(z.record(z.string(), z.unknown())),
  contacts: z.array(z.record(z.string(), z.unknown())),
  documents: z.array(z.string()),
  nextPropertyValueId: z.number().int(),
});

const FIRST_CLIENT_ID = 3527529;
const FIRST_CONTACT_ID = 12345;
const FIRST_PROPERTY_VALUE_ID = 6529900;

/** Normalises Billomat's nested `client-property-values` (object, array or "") to a list. */
export function propertyValueList(nested: unknown): JsonRecord[] {
  if (typeof nested !== 'object' || nested === null) return [];
  const inner = (nested as JsonRecord)['client-property-value'];
  if (Array.isArray(inner)) return inner as JsonRecord[];
  return typeof inner === 'object' && inner !== null ? [inner as JsonRecord] : [];
}

/** The nested form of a list of property values, as Billomat answers it (VENDORS.md §3.2). */
export function propertyValueNesting(values: readonly JsonRecord[]): unknown {
  if (values.length === 0) return '';
  return { 'client-property-value': values.length === 1 ? values[0] : [...values] };
}

/** Creates the state, empty or from a saved one. */
export function createBillomatState(properties: readonly BillomatProperty[], saved?: unknown): BillomatState {
  const clients = createRecordTable('id');
  const contacts = createRecordTable('id');
  const documents = new Set<string>();
  const customfields = new Map<string, Set<string>>();
  const contactIds = new Map<string, Set<string>>();
  let highestNumber = 0;
  let valueId = FIRST_PROPERTY_VALUE_ID;

  const link = (index: Map<string, Set<string>>, key: string, id: string): void => {
    let ids = index.get(key);
    if (ids === undefined) index.set(key, (ids = new Set()));
    ids.add(id);
  };
  const state: BillomatState = {
    clients,
    contacts,
    properties,
    documents,
    nextClientId: () => clients.nextId(FIRST_CLIENT_ID),
    nextContactId: () => contacts.nextId(FIRST_CONTACT_ID),
    nextPropertyValueId: () => String(valueId++),
    nextNumber: () => highestNumber + 1,
    putClient(record) {
      const id = String(record.id);
      const before = clients.get(id);
      if (before !== undefined) customfields.get(String(before.customfield))?.delete(id);
      clients.set(id, record);
      if (record.customfield !== '') link(customfields, String(record.customfield), id);
      if (/^\d{1,15}$/.test(String(record.number))) highestNumber = Math.max(highestNumber, Number(record.number));
    },
    removeClient(id) {
      const before = clients.get(id);
      if (before === undefined) return false;
      customfields.get(String(before.customfield))?.delete(id);
      for (const contact of state.contactsOf(id)) state.removeContact(String(contact.id));
      documents.delete(id);
      return clients.delete(id);
    },
    byCustomfield: (value) => [...(customfields.get(value) ?? [])].map((id) => clients.get(id)).filter((r): r is JsonRecord => r !== undefined),
    putContact(record) {
      contacts.set(String(record.id), record);
      link(contactIds, String(record.client_id), String(record.id));
    },
    removeContact(id) {
      const before = contacts.get(id);
      if (before !== undefined) contactIds.get(String(before.client_id))?.delete(id);
      return contacts.delete(id);
    },
    contactsOf: (clientId) =>
      [...(contactIds.get(clientId) ?? [])]
        .map((id) => contacts.get(id))
        .filter((r): r is JsonRecord => r !== undefined)
        .sort((a, b) => Number(a.id) - Number(b.id)),
    valuesOf: (clientId) => propertyValueList(clients.get(clientId)?.['client-property-values']),
    exportState: () => ({ clients: clients.ordered(), contacts: contacts.ordered(), documents: [...documents], nextPropertyValueId: valueId }),
  };

  if (saved !== undefined) {
    const data = SavedSchema.parse(saved);
    for (const record of data.clients) state.putClient(record);
    for (const record of data.contacts) state.putContact(record);
    for (const id of data.documents) documents.add(id);
    valueId = data.nextPropertyValueId;
  }
  return state;
}
