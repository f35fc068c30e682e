/**
 * A small XML property list reader (the format `system_profiler -xml` and `plutil -convert xml1`
 * write). Pure and dependency-free: dict, array, string, key, integer, real, true, false, date, data.
 * Not a general XML parser: no namespaces, no attributes are read (plists have none we need).
 */

export type PlistValue = string | number | boolean | Date | Uint8Array | PlistValue[] | PlistDict;
export interface PlistDict {
  [key: string]: PlistValue;
}

type Token = { kind: 'open' | 'close' | 'empty'; name: string } | { kind: 'text'; text: string };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (all, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[1] !== undefined) tokens.push({ kind: 'text', text: m[1] });
    else if (m[3] !== undefined) tokens.push({ kind: m[2] ? 'close' : m[4] ? 'empty' : 'open', name: m[3] });
    else if (m[5] !== undefined) tokens.push({ kind: 'text', text: decodeEntities(m[5]) });
    else if (m[0].startsWith('<') && !/^<(!--|\?|!DOCTYPE)/.test(m[0])) throw new Error(`plist: malformed markup at ${m.index}`);
  }
  return tokens;
}

function base64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'base64'));
}

/** Parses a plist document; returns the root value. Throws on malformed structure. */
export function parsePlist(xml: string): PlistValue {
  const tokens = tokenize(xml);
  let pos = 0;
  const isBlank = (t: Token | undefined) => t?.kind === 'text' && t.text.trim() === '';
  const skipBlank = () => {
    while (isBlank(tokens[pos])) pos++;
  };

  const readText = (name: string): string => {
    let text = '';
    while (tokens[pos]?.kind === 'text') text += (tokens[pos++] as { text: string }).text;
    const close = tokens[pos++];
    if (close?.kind !== 'close' || close.name !== name) throw new Error(`plist: <${name}> not closed`);
    return text;
  };

  const scalar = (name: string, text: string): PlistValue => {
    switch (name) {
      case 'string':
        return text;
      case 'integer':
      case 'real': {
        const n = Number(text.trim());
        if (text.trim() === '' || Number.isNaN(n)) throw new Error(`plist: bad <${name}> "${text.slice(0, 20)}"`);
        return n;
      }
      case 'date': {
        const d = new Date(text.trim());
        if (Number.isNaN(d.getTime())) throw new Error(`plist: bad <date> "${text.slice(0, 30)}"`);
        return d;
      }
      case 'data':
        return base64(text);
      default:
        throw new Error(`plist: unknown element <${name}>`);
    }
  };

  const value = (): PlistValue => {
    skipBlank();
    const t = tokens[pos++];
    if (!t || t.kind === 'text' || t.kind === 'close') throw new Error('plist: value expected');
    if (t.kind === 'empty') {
      if (t.name === 'true') return true;
      if (t.name === 'false') return false;
      if (t.name === 'dict') return {};
      if (t.name === 'array') return [];
      return scalar(t.name, '');
    }
    if (t.name === 'dict') {
      const dict: PlistDict = {};
      for (;;) {
        skipBlank();
        const k = tokens[pos];
        if (k?.kind === 'close' && k.name === 'dict') {
          pos++;
          return dict;
        }
        if (k?.kind !== 'open' || k.name !== 'key') throw new Error('plist: <key> expected in <dict>');
        pos++;
        const key = readText('key');
        // Assigned with defineProperty so a key named __proto__ stays data.
        Object.defineProperty(dict, key, { value: value(), enumerable: true, writable: true, configurable: true });
      }
    }
    if (t.name === 'array') {
      const arr: PlistValue[] = [];
      for (;;) {
        skipBlank();
        const c = tokens[pos];
        if (c?.kind === 'close' && c.name === 'array') {
          pos++;
          return arr;
        }
        arr.push(value());
      }
    }
    if (t.name === 'plist') {
      const root = value();
      skipBlank();
      const c = tokens[pos++];
      if (c?.kind !== 'close' || c.name !== 'plist') throw new Error('plist: </plist> expected');
      return root;
    }
    if (t.name === 'true' || t.name === 'false') {
      readText(t.name);
      return t.name === 'true';
    }
    return scalar(t.name, readText(t.name));
  };

  const root = value();
  skipBlank();
  if (pos < tokens.length) throw new Error('plist: trailing content');
  return root;
}

export function isDict(v: PlistValue | undefined): v is PlistDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}
