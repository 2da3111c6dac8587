/**
 * client-sync as a library: the canonical Customer model, the vendor mappings, the connectors (a
 * spreadsheet's too), the sync engine, the state store, the job queue of workers, the configuration
 * loader and the sandbox.
 * Importing it has no side effects.
 */
export * from './canonical/index.js';
export * from './mapping/index.js';
export * from './errors/index.js';
export { API_VENDOR_IDS, VENDOR_IDS, VENDOR_NAMES, isApiVendorId, isVendorId, type ApiVendorId, type VendorId } from './vendors/ids.js';
export { createSpreadsheetConnector, loadColumnMapping, builtinColumnMappings, columnKey, SPREADSHEET_DELIMITERS, SPREADSHEET_ENCODINGS, type SpreadsheetConnectionOptions, type SpreadsheetDelimiter, type SpreadsheetEncoding } from './vendors/spreadsheet/index.js';
export { createConnector } from './vendors/registry.js';
export type { VendorConnector, ConnectionOptions, Credentials, RateBudget, ConnectorStats, CheckResult, CheckOutcome, CreateResult } from './vendors/types.js';
export { runPair, resolvePairSettings, type PairSettingsInput } from './sync/index.js';
export type { PairSettings, SyncMode, ConflictPolicy, SyncSide, RunCommand, RunPairOptions, RunResult, VerifyResult, ProgressEvent, Phase, PlannedAction, PlanSummary, RecordOutcome, OutcomeStatus, ReviewEntry } from './sync/types.js';
export { createSqliteStore, createPostgresStore, openStateStore, redactStoreLocation, type SqliteStoreOptions, type PostgresStoreOptions, type OpenStateStoreOptions, type StateStore, type Link, type RunRecord, type Failure } from './store/index.js';
export { loadConfig, parseConfig, builtinSandboxConfig, type ClientSyncConfig, type ConnectionConfig, type PairConfig, type LoadConfigOptions, type LoadedConfig } from './config/index.js';
export { startSandbox, startSimulator, createScaledClock, generateSpreadsheetRows, type Sandbox, type SandboxOptions, type VendorSimulator, type SimulatorOptions } from './sandbox/index.js';
export { enqueueTick, openJobQueue, ensureSyncQueue, runSyncWorkers, servingRun, syncJobId, SYNC_QUEUE, DEFAULT_SYNC_JOB_SETTINGS, SyncJobFailedError, type SyncJob, type SyncJobRun, type SyncJobSettings, type SyncWorkerOptions, type EnqueuedTick, type JobQueueOptions } from './jobs/index.js';
export { createPostgresRateBudget, rateBudgetKey, SharedBudgetError, type SharedRateBudget, type PostgresRateBudgetOptions } from './http/index.js';
export { systemClock, createManualClock, type Clock, type ManualClock } from './clock.js';
export { silentLogger, type Logger } from './logging/logger.js';
