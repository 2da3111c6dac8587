import { z } from 'zod';
import { createRecordTable, type RecordTable } from '../record-table.js';
import type { JsonRecord } from '../reply.js';

/** One FactuurSturen account: its clients by `clientnr`, in FactuurSturen's JSON shape. */
export interface FsState {
  readonly clients: RecordTable;
  nextClientnr(): string;
  exportState(): unknown;
}

const SavedSchema = z.object({ clients: z.array(z.record(z.string(), z.unknown())) });

/** Creates the state, empty or from a saved one. */
export function createFsState(saved?: unknown): FsState {
  const clients = createRecordTable('clientnr');
  if (saved !== undefined) for (const record of SavedSchema.parse(saved).clients) clients.set(String(record.clientnr), record);
  return {
    clients,
    nextClientnr: () => clients.nextId(1),
    exportState: () => ({ clients: clients.ordered() }),
  };
}

/**
 * Whether FactuurSturen would refuse to delete the client: it has documents, which shows as a
 * `lastinvoice` date (seed 002: "If there are documents set for this client … 403").
 */
export function fsHasDocuments(record: JsonRecord): boolean {
  return typeof record.lastinvoice === 'string' && record.lastinvoice !== '';
}
