export { runPair, readSide, lockKeyOf, resolvePairSettings } from './engine.js';
export { verifyPair, type VerifyPairOptions } from './verify.js';
export type { PairSettingsInput } from './settings.js';
export * from './types.js';
