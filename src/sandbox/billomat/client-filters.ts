import type { JsonRecord } from '../reply.js';
import { asText } from '../field-checks.js';
import type { BillomatContext } from './billomat-context.js';

// Case-insensitive "contains" filters ("gmbh" finds "Musterfirma GmbH", seed 003) and exact ones.
const CONTAINS = ['name', 'email', 'first_name', 'last_name', 'note'] as const;
const EXACT = ['client_number', 'country_code'] as const;

/**
 * The client list filters of seed 003 (`name`, `client_number`, `email`, `first_name`,
 * `last_name`, `country_code`, `note`, `invoice_id`, `tags`), `customfield` (own meta data, exact)
 * and `property<id>` (exact and case-sensitive, VENDORS.md §3.3), then `order_by`
 * (`name+ASC,client_number DESC`). The simulator keeps no invoices or tags, so those filters match
 * nothing.
 */
export function filterBillomatClients(context: BillomatContext, query: URLSearchParams): readonly JsonRecord[] {
  const customfield = query.get('customfield');
  let records: readonly JsonRecord[] = customfield === null ? context.state.clients.ordered() : context.state.byCustomfield(customfield);
  const tests: ((record: JsonRecord) => boolean)[] = [];
  for (const key of CONTAINS) {
    const value = query.get(key)?.toLowerCase();
    if (value !== undefined && value !== '') tests.push((record) => asText(record[key]).toLowerCase().includes(value));
  }
  for (const key of EXACT) {
    const value = query.get(key);
    if (value !== null && value !== '') tests.push((record) => asText(record[key]).toLowerCase() === value.toLowerCase());
  }
  if ((query.get('invoice_id') ?? '') !== '' || (query.get('tags') ?? '') !== '') tests.push(() => false);
  for (const [key, value] of query) {
    const property = /^property(\d+)$/.exec(key)?.[1];
    if (property === undefined) continue;
    tests.push((record) => context.state.valuesOf(String(record.id)).some((entry) => String(entry.client_property_id) === property && entry.value === value));
  }
  if (tests.length > 0) records = records.filter((record) => tests.every((test) => test(record)));
  return sortRecords(records, query.get('order_by'));
}

function sortRecords(records: readonly JsonRecord[], orderBy: string | null): readonly JsonRecord[] {
  if (orderBy === null || orderBy.trim() === '') return records;
  const keys = orderBy.split(',').map((part) => {
    const [field = '', direction = 'ASC'] = part.trim().split(/[\s+]+/);
    return { field, descending: direction.toUpperCase() === 'DESC' };
  });
  return [...records].sort((a, b) => {
    for (const { field, descending } of keys) {
      const x = asText(a[field]);
      const y = asText(b[field]);
      const numeric = x !== '' && y !== '' && Number.isFinite(Number(x)) && Number.isFinite(Number(y));
      const order = numeric ? Number(x) - Number(y) : x.localeCompare(y, 'de');
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}
