import { describe, expect, it } from 'vitest';
import { ipInRanges, parseCidr, parseCidrList, parseIp } from '../../../src/platform/http/cidr.js';
import { decodeXmlBytes, decodeXmlEntities, parseXmlSafe } from '../../../src/inventory/legacy/xml.js';

describe('safe XML parsing', () => {
  it('parses elements, keeps text as text, decodes predefined entities once', () => {
    const doc = parseXmlSafe(Buffer.from('<?xml version="1.0"?><REQUEST><SSN>00012</SSN><P>A &amp;amp; B &#233;&#x41;</P><S>x</S><S>y</S></REQUEST>'));
    expect(doc.REQUEST).toEqual({ SSN: '00012', P: 'A &amp; B éA', S: ['x', 'y'] });
    expect(decodeXmlEntities('&lt;&unknown;&#0;')).toBe('<&unknown;');
  });

  it('refuses DOCTYPEs, so entity expansion (billion laughs, external entities) never happens', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><REQUEST><X>&lol2;</X></REQUEST>`;
    expect(() => parseXmlSafe(Buffer.from(laughs))).toThrow(/DOCTYPE/);
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><REQUEST>&x;</REQUEST>`;
    expect(() => parseXmlSafe(Buffer.from(xxe))).toThrow(/DOCTYPE/);
  });

  it('refuses malformed, truncated and absurdly nested XML with a 400', () => {
    expect(() => parseXmlSafe(Buffer.from('<REQUEST><CONTENT><BIOS>'))).toThrow(expect.objectContaining({ status: 400, field: 'body' }));
    expect(() => parseXmlSafe(Buffer.from('<A></B>'))).toThrow(/not well formed/);
    expect(() => parseXmlSafe(Buffer.from('<a>'.repeat(5000) + '</a>'.repeat(5000)))).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('reads Latin-1 declared or undeclared', () => {
    expect(decodeXmlBytes(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><A>caf\xe9</A>', 'latin1'))).toContain('café');
    expect(decodeXmlBytes(Buffer.from('<A>caf\xe9</A>', 'latin1'))).toBe('<A>café</A>');
    expect(decodeXmlBytes(Buffer.from('<A>café</A>', 'utf8'))).toBe('<A>café</A>');
  });
});

describe('CIDR matching', () => {
  it('parses IPv4 and IPv6 addresses and ranges', () => {
    expect(parseIp('10.0.0.1')).toBe((0xffffn << 32n) | 0x0a000001n);
    expect(parseIp('::ffff:10.0.0.1')).toBe(parseIp('10.0.0.1'));
    expect(parseIp('2001:db8::1')).toBe(0x20010db8000000000000000000000001n);
    expect(parseIp('fe80::1%eth0')).toBe(0xfe800000000000000000000000000001n);
    for (const bad of ['10.0.0', '10.0.0.256', '01.2.3.4', '1::2::3', '12345::', 'x', '']) expect(parseIp(bad)).toBeUndefined();
    expect(parseCidr('10.1.2.3/8')).toMatchObject({ bits: 104 });
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/8/1', '10.0.0.0/x']) expect(parseCidr(bad)).toBeUndefined();
    expect(parseCidrList(['10.0.0.0/8', 'nope']).invalid).toEqual(['nope']);
  });

  it('matches clients against ranges of both families', () => {
    const { ranges } = parseCidrList(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32']);
    expect(ipInRanges('10.200.3.4', ranges)).toBe(true);
    expect(ipInRanges('::ffff:10.200.3.4', ranges)).toBe(true);
    expect(ipInRanges('11.0.0.1', ranges)).toBe(false);
    expect(ipInRanges('192.168.1.7', ranges)).toBe(true);
    expect(ipInRanges('192.168.1.8', ranges)).toBe(false);
    expect(ipInRanges('2001:db8:ffff::5', ranges)).toBe(true);
    expect(ipInRanges('2001:db9::5', ranges)).toBe(false);
    expect(ipInRanges(undefined, ranges)).toBe(false);
    expect(ipInRanges('1.2.3.4', parseCidrList(['0.0.0.0/0']).ranges)).toBe(true);
    expect(ipInRanges('2001:db8::1', parseCidrList(['0.0.0.0/0']).ranges)).toBe(false);
    expect(ipInRanges('2001:db8::1', parseCidrList(['::/0']).ranges)).toBe(true);
  });
});
