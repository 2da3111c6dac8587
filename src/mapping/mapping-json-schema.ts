import { z } from 'zod';
import { MappingFileSchema } from './schema.js';

/**
 * The JSON Schema of `mappings/<vendor>.yaml`, generated from the zod grammar (never written by hand),
 * published as `mappings/mapping.schema.json` for editors (the files' `yaml-language-server` line).
 * It documents every rule field, the two kinds of value rule (`limit`, `check`) included.
 */
export function mappingJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(MappingFileSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
    $id: 'https://client-sync.invalid/mappings/mapping.schema.json',
    title: 'client-sync vendor mapping',
  };
}
