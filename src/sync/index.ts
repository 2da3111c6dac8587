export { runPair, readSide, lockKeyOf, resolvePairSettings } from './engine.js';
export { auditQuality, verifyPair, type AuditQualityOptions, type VerifyPairOptions } from './verify.js';
export type { QualityReport, QualitySide, QualityRuleSummary } from './quality.js';
export type { PairSettingsInput } from './settings.js';
export * from './types.js';
