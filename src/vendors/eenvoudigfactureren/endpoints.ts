/**
 * EenvoudigFactureren API paths, relative to the base URL (`https://eenvoudigfactureren.be/api/v1`).
 * No logic here: one entry per endpoint, each with where it is documented.
 */
const id = (value: string): string => encodeURIComponent(value);

export const EF_ENDPOINTS = {
  /**
   * `GET /clients?skip=&take=` lists (bare JSON array, no total); `?filter=field%3Dvalue` filters;
   * `POST /clients` creates (201 receipt `{success, client_id, uri}`).
   * https://support.simplybooks.be/fr/support/solutions/articles/101000381976-api-customers,
   * https://help.eenvoudigfactureren.be/nl/support/solutions/articles/101000381598 (filters);
   * VENDORS.md §1.2, §1.3, §1.6; seeds 000 and 001.
   */
  clients: '/clients',
  /**
   * `GET /clients/{id}` (bare object); `POST /clients/{id}` partial update (never `PUT`, which deletes
   * every field left out); `DELETE /clients/{id}` (`{"success":"client removed"}`).
   * https://eenvoudigfactureren.freshdesk.com/nl/support/solutions/articles/101000435240; VENDORS.md §1.6.
   */
  client: (clientId: string): string => `/clients/${id(clientId)}`,
  /**
   * `DELETE /clients/{id}/contacts/{contactId}` removes one contact. Never sent without a contact id:
   * `DELETE /clients/{id}/contacts` deletes all of them.
   * https://support.simplybooks.be/nl/support/solutions/articles/101000381817; VENDORS.md §1.6.
   */
  contact: (clientId: string, contactId: string): string => `/clients/${id(clientId)}/contacts/${id(contactId)}`,
} as const;

/** The external-id filter, `external_client_id=<value>` (URL-encoded by the client: `%3D`). VENDORS.md §1.8. */
export const externalIdFilter = (externalId: string): string => `external_client_id=${externalId}`;
