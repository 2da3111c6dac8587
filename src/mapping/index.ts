export { loadMapping, loadMappings, compileMappingText, BUILTIN_MAPPINGS_DIRECTORY, type LoadMappingOptions } from './load.js';
export type { Mapping, FieldMapping } from './mapping.js';
export type { CompiledRule, RuleKind } from './compile.js';
export type { RawRecord, DecodeResult, EncodeResult, EncodeOptions } from './record-codec.js';
export { createLookupTable, type LookupTable, type LookupEntry } from './lookups.js';
export { TRANSFORMS, CodecError, type Codec, type TransformDefinition } from './transforms/index.js';
export type { MappingFile, DocumentedFile, Limit } from './schema.js';
export { lossinessBetween, lossinessMatrix, type FieldFate, type LossinessEntry, type LossinessDirection } from './lossiness.js';
