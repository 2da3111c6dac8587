export * from './sync-error.js';
export * from './config-error.js';
export * from './record-error.js';
export * from './vendor-error.js';
export * from './run-error.js';
