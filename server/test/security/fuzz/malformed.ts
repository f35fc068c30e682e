import { gzipSync } from 'node:zlib';
import type { Prng } from './prng.js';

/**
 * Malformed request bodies, each one invalid for the route it is made for (so a server that validates
 * must refuse it and write nothing): a declared property of the wrong JSON type, broken or too deep JSON,
 * the wrong top-level type, bodies over the limit, invalid UTF-8, compression bombs, wrong content types.
 * NUL, unpaired surrogates and huge strings ride along in otherwise invalid bodies.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: unknown;
  format?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
}

export interface FuzzBody {
  label: string;
  body: Buffer;
  contentType: string;
  contentEncoding?: string;
}

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

const NASTY_STRINGS = ['\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\uDBFF', '💥'.repeat(100), '%', '\\', "'; drop table users; --", '<script>x</script>', ' ', ''];

/** The JSON types a schema admits, or undefined when it cannot be told (a union without types, `{}`). */
export function allowedTypes(s: Schema): Set<JsonType> | undefined {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const out = new Set<JsonType>();
    for (const a of alts) {
      const t = allowedTypes(a);
      if (!t) return undefined;
      for (const x of t) out.add(x);
    }
    if (s.nullable) out.add('null');
    return out;
  }
  if (s.allOf?.length === 1) return allowedTypes(s.allOf[0]!);
  if (!s.type) return s.enum ? new Set(s.enum.map(jsonType)) : undefined;
  const t: JsonType = s.type === 'integer' ? 'number' : (s.type as JsonType);
  const out = new Set<JsonType>([t]);
  if (s.nullable) out.add('null');
  return out;
}

function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonType;
}

/** A value of JSON type `type`, chosen to hurt: NUL, surrogates, huge numbers, nesting. */
function valueOf(rng: Prng, type: JsonType, depth = 0): unknown {
  switch (type) {
    case 'string':
      return rng.chance(0.1) ? 'x'.repeat(rng.pick([256, 5000, 70_000])) : rng.pick(NASTY_STRINGS);
    case 'number':
      return rng.pick([0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e-308, 123456789012]);
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    case 'array':
      return depth > 3 ? [] : Array.from({ length: rng.int(4) }, () => valueOf(rng, rng.pick(['string', 'number', 'object', 'null'] as const), depth + 1));
    case 'object':
      return depth > 3 ? {} : Object.fromEntries(Array.from({ length: rng.int(3) }, (_, i) => [rng.pick(['a', 'id', '\u0000k', '\uD800', '__proto__', 'constructor', `k${i}`]), valueOf(rng, rng.pick(['string', 'number', 'object'] as const), depth + 1)]));
  }
}

/** Values a field's name asks for, where its schema alone does not say (patterns, refinements). */
const BY_NAME: Record<string, unknown> = { url: 'https://hooks.example.org/parc', email: 'a@example.org', timeZone: 'Europe/Paris', currency: 'EUR', password: 'a-long-password-1' };

/** A plausible value for a schema, so validation gets past the easy fields. */
export function plausible(rng: Prng, s: Schema, depth = 0): unknown {
  if (s.enum?.length) return rng.pick(s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return plausible(rng, rng.pick(alts), depth);
  switch (s.type) {
    case 'string': {
      const byFormat: Record<string, string> = { 'date-time': '2026-12-01T09:00:00Z', date: '2026-12-01', email: 'a@example.org', uri: 'https://example.org/h', url: 'https://example.org/h', uuid: '4c1f3a1e-8d2b-11ec-b909-000000000001' };
      if (s.format && byFormat[s.format]) return byFormat[s.format];
      return rng.pick(['Printer', 'printer-2', 'Paris > A', 'x'.repeat(Math.max(1, s.minLength ?? 1))]);
    }
    case 'integer':
    case 'number': {
      const min = s.minimum === undefined ? 1 : s.minimum + (s.exclusiveMinimum === true ? 1 : 0);
      return Math.min(s.maximum ?? min + 2, min + rng.int(3));
    }
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 || !s.items ? [] : [plausible(rng, s.items, depth + 1)];
    case 'object':
      return depth > 3 ? {} : Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, BY_NAME[k] ?? plausible(rng, p, depth + 1)]));
    default:
      return null;
  }
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

/** An object body with one declared property (a required one when there are) of a JSON type it does not admit. */
function wrongTypedProperty(rng: Prng, s: Schema): { label: string; value: Record<string, unknown> } | undefined {
  const props = Object.entries(s.properties ?? {}).filter(([, p]) => allowedTypes(p) !== undefined);
  const required = props.filter(([k]) => s.required?.includes(k));
  const pool = required.length > 0 ? required : props;
  if (pool.length === 0) return undefined;
  const [name, prop] = rng.pick(pool);
  const allowed = allowedTypes(prop)!;
  const wrong = (['string', 'number', 'boolean', 'null', 'array', 'object'] as const).filter((t) => !allowed.has(t));
  if (wrong.length === 0) return undefined;
  const base: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(s.properties ?? {})) if (k !== name && rng.chance(0.7)) base[k] = plausible(rng, p);
  const type = rng.pick(wrong);
  base[name] = valueOf(rng, type);
  // Noise around it: unknown keys with NUL or surrogates in names and values.
  if (rng.chance(0.3)) base[rng.pick(['\u0000', '\uD800x', 'extra'])] = rng.pick(NASTY_STRINGS);
  return { label: `${name} as ${type}`, value: base };
}

function deep(n: number, open: string, close: string, inner = '1') {
  return open.repeat(n) + inner + close.repeat(n);
}

const BOMBS = new Map<string, Buffer>();
/** Builds the bombs now (a second of synchronous work) rather than in the middle of a timed run. */
export function prepareBombs() {
  bomb('zeros');
  bomb('json');
}
/** 100 MiB of zeros or of one JSON string, gzipped (about 100 KiB): built once. */
function bomb(kind: 'zeros' | 'json'): Buffer {
  let b = BOMBS.get(kind);
  if (!b) {
    const size = 100 * 1024 * 1024;
    const raw = kind === 'zeros' ? Buffer.alloc(size) : Buffer.concat([Buffer.from('{"hostname":"'), Buffer.alloc(size, 0x61), Buffer.from('"}')]);
    b = gzipSync(raw, { level: 1 });
    BOMBS.set(kind, b);
  }
  return b;
}

/**
 * One malformed body for a route whose body schema is `schema` (resolved). `limit` is the route's body
 * limit: some bodies are just over it.
 */
export function malformedBody(rng: Prng, schema: Schema | undefined, limit: number): FuzzBody {
  const isObject = schema?.type === 'object' || schema?.properties !== undefined;
  const ct = 'application/json';
  const kind = rng.int(100);
  if (kind < 40 && schema && isObject) {
    const w = wrongTypedProperty(rng, schema);
    if (w) {
      let body = json(w.value);
      let label = `wrong type: ${w.label}`;
      if (rng.chance(0.15)) {
        // Invalid UTF-8 bytes inside a string value of an extra member (in a key they could rename the
        // wrong-typed property into an unknown one, making the body valid).
        const bytes = Buffer.from(rng.pick([[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xfe]]));
        const rest = body.subarray(1);
        body = Buffer.concat([Buffer.from('{"zz":"'), bytes, Buffer.from(rest.length > 1 ? '",' : '"'), rest]);
        label += ' + invalid UTF-8';
      }
      return { label, body, contentType: rng.chance(0.9) ? ct : rng.pick(['application/json; charset=latin1', 'application/vnd.api+json', 'APPLICATION/JSON']) };
    }
  }
  const allowed = schema ? allowedTypes(schema) : undefined;
  const cases: (() => FuzzBody)[] = [
    () => ({ label: 'truncated JSON', body: Buffer.from(rng.pick(['{"a":', '{"a":1,', '[1,2', '{"title":"x', '{', '"'])), contentType: ct }),
    () => ({ label: 'not JSON', body: Buffer.from(rng.pick(["{'a':1}", 'NaN', 'undefined', '{"a":1}}', '<?xml version="1.0"?><a/>', 'title=x&description=y', '\u0000', '\uFEFF{"a":1'])), contentType: ct }),
    () => ({ label: 'random bytes', body: Buffer.from(Array.from({ length: 1 + rng.int(512) }, () => rng.int(256))), contentType: ct }),
    () => ({ label: 'deep arrays', body: Buffer.from(deep(rng.pick([65, 1000, 10_000, 100_000]), '[', ']')), contentType: ct }),
    () => ({ label: 'deep objects', body: Buffer.from(deep(rng.pick([65, 1000, 10_000]), '{"a":', '}')), contentType: ct }),
    () => ({ label: 'deep inside a string-looking body', body: Buffer.from(`{"title":"x","description":${deep(5000, '[', ']')}}`), contentType: ct }),
    () => {
      const wrong = (['string', 'number', 'boolean', 'null', 'array'] as const).filter((t) => !allowed?.has(t));
      const t = wrong.length ? rng.pick(wrong) : 'null';
      return { label: `top-level ${t}`, body: json(valueOf(rng, t)), contentType: ct };
    },
    () => ({ label: 'just over the body limit', body: Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(limit + 1, 0x61), Buffer.from('"}')]), contentType: ct }),
    () => ({ label: 'unpaired surrogates and NUL, escaped, in a bad shape', body: Buffer.from(`[${'"\\ud800\\u0000"'},${'"\\udfff"'}]`), contentType: ct }),
    () => ({ label: 'invalid UTF-8 only', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc0, 0xaf, 0x7d]), contentType: ct }),
    () => ({ label: 'gzip bomb (zeros)', body: bomb('zeros'), contentType: ct, contentEncoding: 'gzip' }),
    () => ({ label: 'gzip bomb (one huge string)', body: bomb('json'), contentType: ct, contentEncoding: rng.pick(['gzip', 'x-gzip']) }),
    () => ({ label: 'unknown encoding', body: Buffer.from('{"a":1'), contentType: ct, contentEncoding: rng.pick(['compress', 'zstd', 'gzip, gzip', 'identity;q=0']) }),
    () => ({ label: 'not gzip at all', body: Buffer.from('{"a":'), contentType: ct, contentEncoding: 'gzip' }),
    () => ({ label: 'form post', body: Buffer.from('title=x&description=y'), contentType: 'application/x-www-form-urlencoded' }),
    () => ({ label: 'text/plain JSON-ish', body: Buffer.from('{"title":'), contentType: rng.pick(['text/plain', 'text/plain;charset=UTF-8', 'multipart/form-data; boundary=x', '', 'application/xml', 'application/json-seq']) }),
  ];
  return rng.pick(cases)();
}

/** A malformed query string for a GET: wrong types, NUL, surrogates, broken percent-encoding, huge values. */
export function malformedQuery(rng: Prng, names: readonly string[]): string {
  const keys = names.length > 0 ? names : ['q'];
  const values = ['%00', '%ED%A0%80', '%C0%80', '%FF', '%ZZ', '%', '-1', '0', '1.5', '2147483648', '99999999999999999999', 'NaN', 'true', '[]', '%5C', '%25', '_', 'x'.repeat(5000), '1e308', '0001-01-01', '275760-09-13T00:00:00Z', '%F0%9F%92%A5'];
  const parts = Array.from({ length: 1 + rng.int(3) }, () => `${rng.chance(0.9) ? rng.pick(keys) : rng.pick(['%00', 'a[b]', '__proto__'])}=${rng.pick(values)}`);
  if (rng.chance(0.1)) parts.push(parts[0]!); // repeated keys
  return parts.join('&');
}

/** Malformed XML (and not XML) for the GLPI/FusionInventory/OCS endpoints; none of it is an inventory that can be stored. */
export function malformedXml(rng: Prng): FuzzBody {
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
    ']><REQUEST><QUERY>INVENTORY</QUERY><CONTENT><HARDWARE><NAME>&lol9;</NAME></HARDWARE></CONTENT></REQUEST>';
  const bodies: [string, string | Buffer][] = [
    ['truncated', '<?xml version="1.0"?><REQUEST><DEVICEID>pc-1</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT><HARDWARE><NAME>pc'],
    ['no DEVICEID', '<REQUEST><QUERY>INVENTORY</QUERY><CONTENT><HARDWARE><NAME>pc-9</NAME></HARDWARE></CONTENT></REQUEST>'],
    ['NUL-only DEVICEID', '<REQUEST><DEVICEID>\u0000</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT><HARDWARE><NAME>pc-9</NAME></HARDWARE></CONTENT></REQUEST>'],
    ['not a REQUEST', '<HELLO><QUERY>INVENTORY</QUERY></HELLO>'],
    ['unknown query', '<REQUEST><DEVICEID>x</DEVICEID><QUERY>\uD800</QUERY></REQUEST>'],
    ['billion laughs', laughs],
    ['external entity', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><REQUEST><QUERY>INVENTORY</QUERY><DEVICEID>&x;</DEVICEID></REQUEST>'],
    ['deep elements', `<REQUEST><QUERY>INVENTORY</QUERY>${deep(rng.pick([1000, 20_000]), '<A>', '</A>', 'x')}</REQUEST>`],
    ['random bytes', Buffer.from(Array.from({ length: 1 + rng.int(300) }, () => rng.int(256)))],
    ['invalid UTF-8', Buffer.concat([Buffer.from('<REQUEST><QUERY>'), Buffer.from([0xff, 0xc0, 0x80]), Buffer.from('</QUERY></REQUEST>')])],
    ['JSON without deviceid', '{"action":"inventory","content":{"hardware":{"name":"pc-9"}}}'],
    ['JSON deep', deep(10_000, '[', ']')],
    ['JSON NUL deviceid', '{"action":"inventory","deviceid":"\\u0000","content":{"hardware":{"name":"pc-9"}}}'],
  ];
  const [label, body] = rng.pick(bodies);
  const type = rng.pick(['zeros', 'plain', 'plain', 'zlib', 'gzip-header'] as const);
  if (type === 'zeros') return { label: 'zlib bomb', body: bomb('zeros'), contentType: 'application/x-compress-zlib', contentEncoding: 'gzip' };
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (type === 'zlib') return { label: `${label} (zlib)`, body: gzipSync(bytes), contentType: 'application/x-compress-zlib' };
  if (type === 'gzip-header') return { label: `${label} (gzip header, plain body)`, body: bytes, contentType: 'application/xml', contentEncoding: 'gzip' };
  return { label, body: bytes, contentType: rng.pick(['application/xml', 'application/json', 'text/plain', 'application/x-compress']) };
}
