import type { Clock } from '../../clock.js';
import { createJsonCache, type JsonCache } from '../json-cache.js';
import { hashSeed } from '../prng.js';
import { asText, countryName } from '../field-checks.js';
import type { JsonRecord } from '../reply.js';
import { formatIsoWithOffset } from '../zoned-time.js';
import type { BillomatProperty, BillomatState } from './billomat-state.js';

/** Behaviours VENDORS.md leaves open, settled in wire-decisions.md and adjustable per simulator. */
export interface BillomatQuirks {
  /** Status for an id that is not in the account: 401 (default; BillomatNet's integration test) or 404. */
  readonly foreignIdStatus?: 401 | 404;
  /** Store `customfield` sent in a client body (create or update). Default false: ignored, as the create table lists it read-only. */
  readonly customfieldInCreate?: boolean;
  /** An archived client can only be updated by a body that unarchives it. Default true (VENDORS.md §3.5). */
  readonly archivedIsReadOnly?: boolean;
  /** Status of the refusal to delete a client that has documents. Default 400. */
  readonly deleteRefusedStatus?: number;
  /** Largest `per_page`. Default 1000 (VENDORS.md §3.3). */
  readonly maxPerPage?: number;
  /** The account's client properties. Default: a text field, a text area and a checkbox. */
  readonly clientProperties?: readonly BillomatProperty[];
  /**
   * Refuse an e-mail address, VAT number or IBAN that fails its syntax or checksum. Default false:
   * real Billomat answers hold `bank_iban: "DE1234567"`, `vat_number: "DE1234567"` and
   * `email: "…@-acme.com"` (issue 17), and no public evidence shows Billomat checking them; seed 003
   * only says "valid". The quirk keeps the strict reading testable.
   */
  readonly checkFormats?: boolean;
}

/** The account's client properties unless configured (the first as in billomat-ts's fixture). */
export const BILLOMAT_DEFAULT_PROPERTIES: readonly BillomatProperty[] = [
  { id: '16022', name: 'G Suite Domain', type: 'TEXTFIELD' },
  { id: '16023', name: 'Kundengruppe', type: 'TEXTAREA' },
  { id: '16024', name: 'Newsletter', type: 'CHECKBOX' },
];

/** The account's own company: country default of new clients, and the answer of /clients/myself. */
export const BILLOMAT_ACCOUNT_COUNTRY = 'DE';

/** Everything a Billomat route needs. */
export interface BillomatContext {
  readonly state: BillomatState;
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly foreignIdStatus: 401 | 404;
  readonly customfieldInCreate: boolean;
  readonly archivedIsReadOnly: boolean;
  readonly deleteRefusedStatus: number;
  readonly maxPerPage: number;
  readonly checkFormats: boolean;
  /** `2020-05-15T14:31:37+02:00` (VENDORS.md §3.2). */
  readonly timestamp: () => string;
  /** Serialised clients, for fast listings. */
  readonly json: JsonCache;
}

/** Resolves the quirks to their defaults. */
export function createBillomatContext(state: BillomatState, baseUrl: string, clock: Clock, quirks: BillomatQuirks): BillomatContext {
  return {
    state,
    baseUrl,
    clock,
    foreignIdStatus: quirks.foreignIdStatus ?? 401,
    customfieldInCreate: quirks.customfieldInCreate ?? false,
    archivedIsReadOnly: quirks.archivedIsReadOnly ?? true,
    deleteRefusedStatus: quirks.deleteRefusedStatus ?? 400,
    maxPerPage: quirks.maxPerPage ?? 1000,
    checkFormats: quirks.checkFormats ?? false,
    timestamp: () => formatIsoWithOffset(clock.now()),
    json: createJsonCache(),
  };
}

/**
 * Billomat's read-only derived fields: `client_number` (= `number_pre` + `number` padded to
 * `number_length`, seed 003), the postal `address` block (as in the recorded payload:
 * name, person, street, zip and city, and the country when it is not the account's own), and the
 * customer-portal link.
 */
export function withDerivedFields(record: JsonRecord, portalHost: string): JsonRecord {
  const number = asText(record.number);
  const length = Number(record.number_length ?? 0) || 0;
  const person = [record.salutation, record.first_name, record.last_name].map((v) => asText(v)).filter((v) => v !== '').join(' ');
  const place = [record.zip, record.city].map((v) => asText(v)).filter((v) => v !== '').join(' ');
  const code = asText(record.country_code);
  const country = code === '' || code === BILLOMAT_ACCOUNT_COUNTRY ? '' : (countryName(code, 'de') ?? code);
  const address = [asText(record.name), person, asText(record.street), place, country].filter((line) => line !== '').join('\n');
  const hash = `${hashSeed(`portal/${asText(record.id)}`).toString(16).padStart(8, '0')}${hashSeed(`hash/${asText(record.id)}`).toString(16).padStart(8, '0')}`;
  return {
    ...record,
    client_number: number === '' ? '' : `${asText(record.number_pre)}${number.padStart(length, '0')}`,
    address,
    customerportal_url: `${portalHost}/customerportal/auth/autologin/entityId/${String(record.id)}?hash=${hash}`,
  };
}
