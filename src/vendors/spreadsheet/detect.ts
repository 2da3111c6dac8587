import type { FileDelimiter } from './options.js';

/*
 * What a CSV file does not say about itself: its encoding and its separator. Exports of the old
 * invoicing programs and of Excel come as UTF-8 (Excel adds a byte-order mark), or as Windows-1252
 * with `;` where the decimal sign is a comma (Belgium, the Netherlands, Germany).
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** The file's encoding as detected: a byte-order mark, valid UTF-8, or else Windows-1252. */
export interface DetectedEncoding {
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly bom: boolean;
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/**
 * UTF-8 when the bytes carry a byte-order mark or decode as strict UTF-8; otherwise Windows-1252,
 * in which every byte is a character (a Windows-1252 text of Western letters is almost never valid
 * UTF-8, since its accented letters are lone bytes above 0x7F).
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (hasUtf8Bom(bytes)) return { encoding: 'utf-8', bom: true };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1252', bom: false };
  }
}

const CANDIDATES: readonly FileDelimiter[] = [',', ';', '\t'];

/**
 * The separator of the header row: of `,` `;` and tab, the one that occurs most often outside
 * quotes in the first line. A header of one column has none of them; `,` is assumed then.
 */
export function detectDelimiter(text: string): FileDelimiter {
  const counts = new Map<FileDelimiter, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as FileDelimiter)) counts.set(char as FileDelimiter, (counts.get(char as FileDelimiter) ?? 0) + 1);
  }
  let best: FileDelimiter = ',';
  for (const candidate of CANDIDATES) if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

/** `\r\n` when the first line break of the text is one, else `\n`; undefined for a text without one. */
export function detectLineEnding(text: string): '\r\n' | '\n' | undefined {
  const at = text.indexOf('\n');
  if (at < 0) return undefined;
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}
