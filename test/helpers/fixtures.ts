import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

/** Reads a file under test/fixtures. */
export function fixtureText(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}

export function fixtureJson(path: string): Record<string, unknown> {
  return JSON.parse(fixtureText(path)) as Record<string, unknown>;
}

/**
 * Parses a vendor XML document the way the connectors do: values stay strings (parseTagValue off,
 * so 01067 stays "01067"), attributes are ignored, and the root element's content is returned.
 */
export function fixtureXml(path: string, root = 'client'): Record<string, unknown> {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true });
  const document = parser.parse(fixtureText(path)) as Record<string, unknown>;
  return document[root] as Record<string, unknown>;
}
