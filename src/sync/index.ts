export { runPair, readSide, lockKeyOf, resolvePairSettings } from './engine.js';
export type { PairSettingsInput } from './settings.js';
export * from './types.js';
