export { createBillomatConnector } from './connector.js';
export { billomatAuth } from './auth.js';
export { createBillomatProtocol } from './errors.js';
export { BM_ENDPOINTS } from './endpoints.js';
export { BillomatRecordSchema } from './payloads.js';
