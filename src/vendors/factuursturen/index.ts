export { createFactuurSturenConnector } from './connector.js';
export { factuursturenAuth } from './auth.js';
export { createFactuurSturenProtocol } from './errors.js';
export { FS_ENDPOINTS } from './endpoints.js';
export { FactuurSturenClientSchema } from './payloads.js';
export { COUNTRY_TABLE, toCountryTable } from './countries.js';
