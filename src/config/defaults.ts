/** Defaults of the top-level config keys, shared by the loader and the built-in sandbox config. */

/** `state`: the SQLite state store, relative to the config file. */
export const DEFAULT_STATE = '.client-sync/state.db';
/** `reports`: where run reports go, relative to the config file. */
export const DEFAULT_REPORTS = '.client-sync/reports';
/** `keep_reports`: a sync every 15 minutes writes 96 reports a day per pair, so about ten days of them. */
export const DEFAULT_KEEP_REPORTS = 1000;
