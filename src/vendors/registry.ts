import type { ConnectorTuning } from '../http/index.js';
import { createBillomatConnector } from './billomat/index.js';
import { createEenvoudigFacturerenConnector } from './eenvoudigfactureren/index.js';
import { createFactuurSturenConnector } from './factuursturen/index.js';
import { createSpreadsheetConnector, type SpreadsheetConnectionOptions } from './spreadsheet/index.js';
import type { ConnectionOptions, VendorConnector } from './types.js';

/**
 * The connector for a connection's vendor. Adding a vendor adds one line here.
 * Throws ConfigError when the options cannot work (wrong credential kind, missing Billomat base URL …).
 */
export function createConnector(options: (ConnectionOptions & ConnectorTuning) | SpreadsheetConnectionOptions): VendorConnector {
  switch (options.vendor) {
    case 'eenvoudigfactureren':
      return createEenvoudigFacturerenConnector(options);
    case 'factuursturen':
      return createFactuurSturenConnector(options);
    case 'billomat':
      return createBillomatConnector(options);
    case 'spreadsheet':
      return createSpreadsheetConnector(options);
  }
}
