/**
 * FactuurSturen.nl API paths, relative to the base URL (`https://www.factuursturen.nl/api/v1`).
 * No logic here: one entry per endpoint, each with where it is documented.
 */
export const FS_ENDPOINTS = {
  /**
   * `GET /clients` lists every client in one bare array (`?count=&start=` pages, api_v1 PDF);
   * `POST /clients` creates and answers 201 with the new clientnr as plain text.
   * https://www.factuursturen.nl/docs/developer/v1/clients-api.html; seed 002; VENDORS.md §2.2, §2.3, §2.6.
   */
  clients: '/clients',
  /**
   * `GET /clients/{clientnr}` (`{"client":{…}}`), `PUT /clients/{clientnr}` (sent whole: whether PUT
   * replaces the record is unknown), `DELETE /clients/{clientnr}` (403 when the client has documents).
   * Seed 002; VENDORS.md §2.6.
   */
  client: (clientnr: string): string => `/clients/${encodeURIComponent(clientnr)}`,
  /**
   * `GET /countrylist`: `[{"id":"146","name":"Nederland"}, …]` with Dutch names; the ids are not ISO
   * codes. https://www.factuursturen.nl/docs/developer/v1/clients-api.html (country); VENDORS.md §2.7.
   */
  countryList: '/countrylist',
} as const;
