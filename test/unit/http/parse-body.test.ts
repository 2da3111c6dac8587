import { describe, expect, it } from 'vitest';
import { htmlTitle, parseBody } from '../../../src/http/parse-body.js';
import { createXmlReader } from '../../../src/http/xml.js';

const readXml = createXmlReader({ listPaths: new Set() });

describe('parseBody', () => {
  it('reads JSON by its content type', () => {
    expect(parseBody('{"a":"1"}', 'application/json; charset=utf-8', readXml)).toMatchObject({ format: 'json', data: { a: '1' } });
  });

  it('reads XML sent to a JSON request', () => {
    expect(parseBody('<?xml version="1.0"?><errors><error>x</error></errors>', 'application/xml', readXml)).toMatchObject({ format: 'xml', data: { errors: { error: 'x' } } });
  });

  it('sniffs XML and JSON when the content type says nothing', () => {
    expect(parseBody('<a>1</a>', undefined, readXml).format).toBe('xml');
    expect(parseBody('[1]', 'text/plain', readXml).format).toBe('json');
  });

  it('reads an HTML error page as HTML, whatever it claims', () => {
    expect(parseBody('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>', 'text/xml', readXml).format).toBe('html');
  });

  it('reads a bare number as JSON under a JSON type and as text otherwise', () => {
    expect(parseBody('1234', 'application/json', readXml)).toMatchObject({ format: 'json', data: 1234 });
    expect(parseBody('1234', 'text/plain', readXml)).toMatchObject({ format: 'text', text: '1234' });
  });

  it('marks a broken JSON or XML body as malformed', () => {
    expect(parseBody('{"a":', 'application/json', readXml).format).toBe('malformed');
    expect(parseBody('<a><b></a>', 'application/xml', readXml).format).toBe('malformed');
  });

  it('reads whitespace as an empty body', () => {
    expect(parseBody(' \n', 'application/json', readXml).format).toBe('empty');
  });
});

describe('htmlTitle', () => {
  it('takes the title, else the first heading', () => {
    expect([htmlTitle('<title> 502  Bad Gateway </title>'), htmlTitle('<h1>Service Unavailable</h1>'), htmlTitle('<p>x</p>')]).toEqual(['502 Bad Gateway', 'Service Unavailable', undefined]);
  });
});
