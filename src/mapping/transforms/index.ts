import { billomatTransforms } from '../../vendors/billomat/transforms.js';
import { factuursturenTransforms } from '../../vendors/factuursturen/transforms.js';
import { trueFalseString, yesNo, zeroOne } from './booleans.js';
import { countryCode, countryCodeOrName, countryId, countryNameTransform, currencyCode } from './countries.js';
import { date, dateTime } from './dates.js';
import { enumList, enumMap } from './enums.js';
import { languageCode, languageEf, languageFs, localeBillomat } from './languages.js';
import { asArray } from './lists.js';
import { numberString } from './numbers.js';
import { compactCode, json, nameOrPerson, structuredMessage, text, urlNoScheme, vatCompact } from './text.js';
import type { TransformDefinition } from './types.js';

export * from './types.js';

/**
 * Every transform a mapping file may name. Generic ones live here; ones that encode one vendor's
 * own logic live in that vendor's folder (`src/vendors/<vendor>/transforms.ts`).
 */
export const TRANSFORMS: ReadonlyMap<string, TransformDefinition<never>> = new Map(
  (
    [
      text, json, nameOrPerson, urlNoScheme, compactCode, vatCompact, structuredMessage,
      yesNo, zeroOne, trueFalseString,
      numberString, date, dateTime,
      countryCode, countryNameTransform, countryCodeOrName, countryId, currencyCode,
      languageCode, languageEf, languageFs, localeBillomat,
      enumMap, enumList, asArray,
      ...factuursturenTransforms, ...billomatTransforms,
    ] as TransformDefinition<never>[]
  ).map((definition) => [definition.name, definition]),
);
