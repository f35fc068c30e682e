import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ValidationError } from '../../platform/http/errors.js';

/**
 * Safe XML parsing for peer-agent payloads. Elements become objects (one child: an object, several: an
 * array), text stays text (serials like `0000012` keep their zeros), attributes are ignored.
 *
 * Hostile input: any DOCTYPE is refused before parsing, so no entity can be declared, let alone expanded
 * (billion laughs, external entities); the parser's own entity processing is off and only the five
 * predefined entities and character references are decoded, once, without recursion. Nesting is capped.
 * The caller caps the size (the body limit, after decompression).
 */

const MAX_DEPTH = 64;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes `&amp;`-style and `&#233;`/`&#xE9;` references; anything else is left as written. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,4});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return PREDEFINED[ref.toLowerCase()] ?? whole;
  });
}

/** Bytes to text: BOMs honoured, a declared Latin-1/Windows-1252 encoding respected, invalid UTF-8 read as Windows-1252. */
export function decodeXmlBytes(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  const head = buf.subarray(0, 200).toString('latin1');
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(iso-8859-1|iso8859-1|latin1|windows-1252|cp1252|iso-8859-15)$/.test(declared)) {
    return new TextDecoder('windows-1252').decode(buf);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    // Old Windows agents send ANSI text while declaring UTF-8.
    return new TextDecoder('windows-1252').decode(buf);
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  maxNestedTags: MAX_DEPTH,
  tagValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
});

/** Parses an XML document into plain objects; malformed or hostile XML is a 400 naming the body. */
export function parseXmlSafe(buf: Buffer): Record<string, unknown> {
  const text = decodeXmlBytes(buf);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new ValidationError('XML with a DOCTYPE or entity declarations is refused', 'body');
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    throw new ValidationError(`XML is not well formed: ${valid.err.msg} (line ${valid.err.line})`, 'body');
  }
  try {
    const doc: unknown = parser.parse(text);
    if (typeof doc !== 'object' || doc === null) throw new Error('no root element');
    return doc as Record<string, unknown>;
  } catch (e) {
    throw new ValidationError(`XML could not be read: ${(e as Error).message.slice(0, 200)}`, 'body');
  }
}
