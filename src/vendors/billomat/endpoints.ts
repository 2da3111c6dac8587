/**
 * Billomat API paths, relative to the base URL (`https://{billomatId}.billomat.net/api`).
 * No logic here: one entry per endpoint, each with where it is documented.
 */
const id = (value: string): string => encodeURIComponent(value);

export const BM_ENDPOINTS = {
  /**
   * `GET /clients?per_page=1000&page=P` (`{"clients":{"client":[…]|{…}|absent,"@total":"…"}}`),
   * filters such as `?customfield=`; `POST /clients` with `{"client":{…}}` answers 201 with the full
   * client. https://www.billomat.com/en/api/clients/, https://www.billomat.com/en/api/basics/read-data/;
   * seed 003; VENDORS.md §3.2, §3.3, §3.6.
   */
  clients: '/clients',
  /**
   * `GET /clients/{id}`, `PUT /clients/{id}` with `{"client":{…}}` (partial; answers the object),
   * `DELETE /clients/{id}` ("only possible if no documents exist for this client"). Seed 003.
   */
  client: (clientId: string): string => `/clients/${id(clientId)}`,
  /** `GET /clients/myself`: the own account, the cheap credentials check. Seed 003; VENDORS.md §3.3. */
  myself: '/clients/myself',
  /**
   * `PUT /clients/{id}/customfield` with `{"client":{"customfield":"…"}}`: the own-meta-data slot,
   * meant for "the primary key from your system". https://www.billomat.com/en/api/basics/own-meta-data/;
   * VENDORS.md §3.8.
   */
  customfield: (clientId: string): string => `/clients/${id(clientId)}/customfield`,
  /**
   * `GET /contacts?client_id=` (client_id mandatory), `POST /contacts` with `{"contact":{…,"client_id"}}`.
   * https://www.billomat.com/api/kunden/kontakte/ (scrape in justpilot/billomat-php-api); VENDORS.md §3.9.
   */
  contacts: '/contacts',
  /** `PUT /contacts/{id}`, `DELETE /contacts/{id}`. VENDORS.md §3.9. */
  contact: (contactId: string): string => `/contacts/${id(contactId)}`,
  /** `GET /client-properties`: the account's custom attributes (`name`, `type`). VENDORS.md §3.8. */
  clientProperties: '/client-properties',
  /**
   * `POST /client-property-values` with `{"client-property-value":{client_id, client_property_id, value}}`
   * (all three required). https://www.billomat.com/api/kunden/attribute/; VENDORS.md §3.8.
   */
  clientPropertyValues: '/client-property-values',
} as const;

/** The client field that holds the property values, and its XML/JSON item element. */
export const PROPERTY_VALUES = 'client-property-values';
