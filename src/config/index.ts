/** Configuration: the client-sync.yaml grammar, its loader, the built-in sandbox and the starter file. */
export { loadConfig, parseConfig, DEFAULT_CONFIG_FILE, type LoadConfigOptions, type ParseConfigOptions } from './load.js';
export { builtinSandboxConfig, BUILTIN_NOTICE } from './builtin.js';
export { STARTER_CONFIG } from './starter.js';
export { parseDuration, formatDuration } from './duration.js';
export { ConfigFileSchema, ENV_REFERENCE, SECRET_KEYS } from './schema.js';
export type { ClientSyncConfig, ConnectionConfig, PairConfig, PairOverrides, SandboxSettings, LoadedConfig, ReportFormat } from './types.js';
