import { asText } from '../field-checks.js';
import type { JsonRecord, Reply } from '../reply.js';
import type { Router } from '../router.js';
import { readBillomatBody } from './billomat-body.js';
import type { BillomatContext } from './billomat-context.js';
import { billomatErrors, billomatList, billomatObject, readPaging } from './billomat-replies.js';
import { propertyValueNesting } from './billomat-state.js';

/**
 * Client properties and their values (VENDORS.md §3.8): definitions at `/client-properties`,
 * values at `/client-property-values` (filter by `client_id`, `client_property_id`, `value`), and
 * nested in each client as `client-property-values` (object, array or "").
 */
export function addBillomatPropertyRoutes(router: Router, context: BillomatContext): void {
  const { state } = context;
  const definitions = state.properties.map((property) => ({ id: property.id, name: property.name, type: property.type, default_value: '', is_nvl: '0' }));
  router
    .add('GET', '/client-properties', (request) => {
      const { page, perPage } = readPaging(request.query, context.maxPerPage);
      return billomatList('client-properties', 'client-property', definitions.slice((page - 1) * perPage, page * perPage), page, perPage, definitions.length);
    })
    .add('GET', '/client-property-values', (request) => {
      const clientId = request.query.get('client_id');
      const source = clientId === null ? state.clients.ordered().flatMap((client) => state.valuesOf(String(client.id))) : state.valuesOf(clientId);
      const property = request.query.get('client_property_id');
      const value = request.query.get('value');
      const all = source.filter((entry) => (property === null || entry.client_property_id === property) && (value === null || entry.value === value));
      const { page, perPage } = readPaging(request.query, context.maxPerPage);
      return billomatList('client-property-values', 'client-property-value', all.slice((page - 1) * perPage, page * perPage), page, perPage, all.length);
    })
    .add('POST', '/client-property-values', (request): Reply => {
      const read = readBillomatBody(request, 'client-property-value');
      if ('reply' in read) return read.reply;
      // All three are required (VENDORS.md §3.8).
      if (!('client_id' in read.body && 'client_property_id' in read.body && 'value' in read.body)) return billomatErrors(400, 'client_id, client_property_id and value are required');
      const clientId = asText(read.body.client_id);
      const propertyId = asText(read.body.client_property_id);
      const value = read.body.value;
      const client = state.clients.get(clientId);
      const property = state.properties.find((entry) => entry.id === propertyId);
      if (client === undefined) return billomatErrors(400, 'client_id: client not found');
      if (property === undefined) return billomatErrors(400, 'client_property_id: property not found');
      const text = typeof value === 'boolean' ? (value ? '1' : '0') : asText(value);
      if (property.type === 'CHECKBOX' && text !== '0' && text !== '1') return billomatErrors(400, 'value: invalid value');
      const others = state.valuesOf(clientId).filter((entry) => entry.client_property_id !== property.id);
      const existing = state.valuesOf(clientId).find((entry) => entry.client_property_id === property.id);
      const entry: JsonRecord = {
        id: existing?.id ?? state.nextPropertyValueId(),
        client_id: clientId,
        client_property_id: property.id,
        type: property.type,
        name: property.name,
        value: text,
        customfield: '',
      };
      const values = [...others, entry].sort((a, b) => Number(a.client_property_id) - Number(b.client_property_id));
      state.putClient({ ...client, 'client-property-values': propertyValueNesting(values), updated: context.timestamp() });
      return billomatObject(201, 'client-property-value', entry);
    });
}
