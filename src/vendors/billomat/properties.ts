import { isVendorError, type VendorError } from '../../errors/index.js';
import { isRecord, pageByNumber, type HttpClient, type VendorRequest } from '../../http/index.js';
import type { Logger } from '../../logging/logger.js';
import type { RawRecord } from '../../mapping/record-codec.js';
import { BM_ENDPOINTS } from './endpoints.js';
import { readClientProperties, readOne, type ClientProperty } from './payloads.js';

/**
 * Custom attribute values (VENDORS.md §3.8). The engine names a value by its property's name; the
 * API wants the property's id, so the account's properties are read once per connector
 * (`GET /client-properties`) and cached. A value is set with `POST /client-property-values`; a value
 * that is gone is set to "" (the API documents no delete for values). A name the account does not
 * define is skipped with a warning: "a value is only kept where the account defines a property of
 * that name" (mappings/billomat.yaml).
 */
export interface PropertyWriter {
  /** Writes the desired values against the current ones; returns the failures (the rest is still written). */
  write(clientId: string, desired: readonly unknown[], current: readonly unknown[], signal: AbortSignal | undefined): Promise<VendorError[]>;
  /** The names of the account's client properties (one cached `GET /client-properties`). */
  names(signal: AbortSignal | undefined): Promise<string[]>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

export function createPropertyWriter(http: HttpClient, perPage: number, logger: Logger): PropertyWriter {
  let directory: Promise<Map<string, ClientProperty>> | undefined;

  async function loadDirectory(signal: AbortSignal | undefined): Promise<Map<string, ClientProperty>> {
    const byName = new Map<string, ClientProperty>();
    const pages = pageByNumber(perPage, async (page, per_page) => {
      const request: VendorRequest = { kind: 'other', method: 'GET', path: BM_ENDPOINTS.clientProperties, query: { per_page, page }, retry: 'idempotent', signal };
      const answer = await http.send(request);
      const read = readClientProperties(answer);
      if (read === undefined) throw http.invalid(request, answer, 'expected {"client-properties":{…}}');
      return read;
    });
    for await (const property of pages) byName.set(property.name, property);
    return byName;
  }

  function properties(signal: AbortSignal | undefined): Promise<Map<string, ClientProperty>> {
    directory ??= loadDirectory(signal).catch((error: unknown) => {
      directory = undefined;
      throw error;
    });
    return directory;
  }

  async function propertyIdOf(item: RawRecord, signal: AbortSignal | undefined): Promise<string | undefined> {
    const given = item.client_property_id;
    if (typeof given === 'string' || typeof given === 'number') return String(given);
    const name = text(item.name);
    const property = (await properties(signal)).get(name);
    if (property === undefined) logger.warn({ property: name }, 'no client property of this name in the account; value skipped');
    return property?.id;
  }

  async function setValue(clientId: string, propertyId: string, value: string, signal: AbortSignal | undefined): Promise<void> {
    const body = { 'client-property-value': { client_id: clientId, client_property_id: propertyId, value } };
    const request: VendorRequest = { kind: 'create', method: 'POST', path: BM_ENDPOINTS.clientPropertyValues, body, retry: 'create', signal };
    const answer = await http.send(request);
    if (readOne(answer, 'client-property-value') === undefined) throw http.invalid(request, answer, 'expected {"client-property-value":{…}}');
  }

  return {
    names: async (signal) => [...(await properties(signal)).keys()],
    async write(clientId, desired, current, signal) {
      const now = new Map<string, string>();
      for (const item of current) if (isRecord(item)) now.set(text(item.client_property_id), text(item.value));
      const errors: VendorError[] = [];
      const wanted = new Set<string>();
      const attempt = async (propertyId: string, value: string): Promise<void> => {
        try {
          await setValue(clientId, propertyId, value, signal);
        } catch (error) {
          if (!isVendorError(error)) throw error;
          errors.push(error);
        }
      };
      for (const item of desired) {
        if (!isRecord(item)) continue;
        const propertyId = await propertyIdOf(item, signal);
        if (propertyId === undefined) continue;
        wanted.add(propertyId);
        const value = text(item.value);
        if (now.get(propertyId) !== value) await attempt(propertyId, value);
      }
      for (const [propertyId, value] of now) if (!wanted.has(propertyId) && value !== '') await attempt(propertyId, '');
      return errors;
    },
  };
}
