import { userInfo } from 'node:os';
import type { ClientSyncConfig } from '../../config/types.js';
import { ConfigError, type RecordIssue } from '../../errors/index.js';
import { setPath } from '../../mapping/_paths.js';
import { loadMapping } from '../../mapping/index.js';
import type { ValueCheck } from './decide-items.js';

/**
 * Checks a typed value against both connections of the item's pair: each vendor's mapping encodes
 * the one field as an update would and names the rule it breaks (a length, a format, an enum).
 */
export function valueCheckFor(config: ClientSyncConfig): ValueCheck {
  return async (item, value) => {
    const pair = config.pairs[item.pair];
    if (pair === undefined) throw new ConfigError([{ key: item.id, message: `its pair ${item.pair} is no longer in the config` }]);
    const holder: Record<string, unknown> = {};
    if (item.field.includes('.')) setPath(holder, item.field, value);
    else holder[item.field] = value;
    const issues: RecordIssue[] = [];
    for (const name of [pair.from, pair.to]) {
      const connection = config.connections[name];
      if (connection === undefined) continue;
      const mapping = await loadMapping(connection.vendor, connection.mappingsDirectory === undefined ? {} : { directory: connection.mappingsDirectory });
      const encoded = mapping.encode(holder, `${item.externalId} (${name})`, { mode: 'update', changed: new Set([item.field]) });
      issues.push(...encoded.issues.map((issue) => ({ ...issue, field: `${issue.field} in ${name}` })));
    }
    return issues;
  };
}

/** Who decides: `--by`, else the OS user. */
export function deciderOf(by: string | undefined): string {
  if (by !== undefined && by.trim() !== '') return by.trim();
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
