export { createEenvoudigFacturerenConnector } from './connector.js';
export { eenvoudigfacturerenAuth } from './auth.js';
export { createEenvoudigFacturerenProtocol } from './errors.js';
export { EF_ENDPOINTS } from './endpoints.js';
export { EenvoudigFacturerenClientSchema } from './payloads.js';
