import { describe, expect, it } from 'vitest';
import { createXmlReader, decodeXmlEntities, xmlRootContent, XmlSyntaxError } from '../../../src/http/xml.js';

const read = createXmlReader({ listPaths: new Set(['clients.client', 'contacts.contact', 'errors.error']) });

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<client><name>&lol9;</name></client>`;

describe('createXmlReader', () => {
  it('refuses a document with a DOCTYPE: a billion-laughs payload is neither expanded nor read as data', () => {
    expect(() => read(BILLION_LAUGHS)).toThrow(XmlSyntaxError);
    expect(() => read(BILLION_LAUGHS)).toThrow(/DOCTYPE/);
  });

  it('refuses an external entity (XXE) as bad XML, not with the parser’s own error', () => {
    const xxe = '<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]><client><name>&xxe;</name></client>';
    expect(() => read(xxe)).toThrow(XmlSyntaxError);
  });

  it('refuses a DOCTYPE hidden inside an element, which the validator lets through', () => {
    expect(() => read('<client><!DOCTYPE x [<!ENTITY y "lol">]><name>&y;</name></client>')).toThrow(XmlSyntaxError);
  });

  it('reads a DOCTYPE inside CDATA as the text it is', () => {
    expect(read('<client><note><![CDATA[<!DOCTYPE html><p>hi</p>]]></note></client>')).toEqual({ client: { note: '<!DOCTYPE html><p>hi</p>' } });
  });

  it('leaves a reference to an undeclared entity literal, never expanded', () => {
    expect(read('<client><name>&lol9;</name></client>')).toEqual({ client: { name: '&lol9;' } });
  });

  it('keeps every leaf a string, leading zeros included', () => {
    expect(read('<client><zip>01067</zip><phone>0470123456</phone><number>0042</number><due_days>021</due_days></client>')).toEqual({
      client: { zip: '01067', phone: '0470123456', number: '0042', due_days: '021' },
    });
  });

  it('decodes the predefined entities and character references, once', () => {
    expect(read('<a><b>A &amp; B &lt;x&gt; &quot;q&quot; &apos;s&apos; &#233;&#x41; &amp;lt;</b></a>')).toEqual({ a: { b: 'A & B <x> "q" \'s\' éA &lt;' } });
  });

  it('keeps CDATA content literally', () => {
    expect(read('<a><b><![CDATA[<p>x &amp; y</p>]]></b></a>')).toEqual({ a: { b: '<p>x &amp; y</p>' } });
  });

  it('drops attributes on leaves and keeps them as @name on containers, as Billomat JSON spells them', () => {
    expect(read('<clients type="array" page="1" per_page="100" total="2"><client><id type="integer">1</id></client></clients>')).toEqual({
      clients: { client: [{ id: '1' }], '@type': 'array', '@page': '1', '@per_page': '100', '@total': '2' },
    });
  });

  it('forces list paths to arrays, so one item reads like many', () => {
    expect(read('<client><contacts><contact><id>1</id></contact></contacts></client>')).toEqual({ client: { contacts: { contact: [{ id: '1' }] } } });
  });

  it('reads an empty element as an empty string and ignores indentation between elements', () => {
    expect(read('<client>\n  <street2></street2>\n  <note>  spaced  </note>\n</client>\n')).toEqual({ client: { street2: '', note: '  spaced  ' } });
  });

  it('refuses XML that is not well-formed, such as a truncated answer', () => {
    expect(() => read('<clients><client><id>1</id></client><client><id>2')).toThrow(XmlSyntaxError);
  });
});

describe('decodeXmlEntities', () => {
  it('leaves unknown entities and text without entities alone', () => {
    expect([decodeXmlEntities('&nbsp;&lol;'), decodeXmlEntities('plain')]).toEqual(['&nbsp;&lol;', 'plain']);
  });
});

describe('xmlRootContent', () => {
  it('returns the content of the single root element, or undefined', () => {
    expect([xmlRootContent({ client: { id: '1' } }), xmlRootContent({ a: 1, b: 2 }), xmlRootContent('x')]).toEqual([{ id: '1' }, undefined, undefined]);
  });
});
