import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { adHocSign, readCodeSignature, removeMachOSignature, verifyCodeDirectory } from '../../installers/build/macho-signature.js';
import { peSecurityDirectory, removePeSignature } from '../../installers/build/pe-signature.js';
import { NODE_VERSION, TARGETS } from '../../installers/build/targets.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(ROOT, 'dist/.cache');
const tmp = mkdtempSync(path.join(tmpdir(), 'parc-sig-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The official Node binary of a target, from the build's verified tarball cache, or undefined. */
function officialBinary(name: string): Buffer | undefined {
  const t = TARGETS.find((x) => x.name === name)!;
  const tgz = path.join(CACHE, `${t.nodePackage}-${NODE_VERSION}.tgz`);
  if (!existsSync(tgz)) return undefined;
  const dir = path.join(tmp, name);
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('tar', ['-xzf', tgz, '-C', dir, t.binaryInTarball]);
  return readFileSync(path.join(dir, t.binaryInTarball));
}
const cached = (name: string) => existsSync(path.join(CACHE, `${TARGETS.find((x) => x.name === name)!.nodePackage}-${NODE_VERSION}.tgz`));
if (!cached('win-x64') || !cached('darwin-arm64')) console.warn('tests on the official Node binaries skipped: run `npm run build:agent` once to fill dist/.cache');

/** A minimal PE32+ file: MZ header, PE header, optional header with 16 directories, a certificate at the end. */
function syntheticPe(withCert: boolean): Buffer {
  const body = Buffer.alloc(1024);
  body.fill(0x90, 0x200);
  const cert = Buffer.alloc(24);
  cert.writeUInt32LE(24, 0);
  cert.writeUInt16LE(0x0200, 4);
  cert.writeUInt16LE(2, 6);
  const file = Buffer.concat([body, withCert ? cert : Buffer.alloc(0)]);
  file.writeUInt16LE(0x5a4d, 0);
  file.writeUInt32LE(0x80, 0x3c);
  file.writeUInt32LE(0x4550, 0x80);
  file.writeUInt16LE(240, 0x80 + 20); // SizeOfOptionalHeader
  file.writeUInt16LE(0x20b, 0x98);
  file.writeUInt32LE(16, 0x98 + 108);
  if (withCert) {
    file.writeUInt32LE(1024, 0x98 + 112 + 4 * 8);
    file.writeUInt32LE(24, 0x98 + 112 + 4 * 8 + 4);
  }
  return file;
}

describe('removePeSignature', () => {
  it('clears the security directory and cuts the certificate table, leaving the rest byte for byte', () => {
    const signed = syntheticPe(true);
    const out = removePeSignature(signed);
    expect(peSecurityDirectory(out)).toMatchObject({ tableOffset: 0, tableSize: 0 });
    expect(out.length).toBe(1024);
    expect(out).toEqual(syntheticPe(false));
  });

  it('leaves an unsigned file unchanged and rejects what is not PE', () => {
    expect(removePeSignature(syntheticPe(false))).toEqual(syntheticPe(false));
    expect(() => removePeSignature(Buffer.alloc(200))).toThrow(/not a PE file/);
  });

  it('refuses a certificate table that is not at the end of the file', () => {
    const f = Buffer.concat([syntheticPe(true), Buffer.alloc(64)]);
    expect(() => removePeSignature(f)).toThrow(/not at the end/);
  });

  it.skipIf(!cached('win-x64'))("removes the real signature of Node's node.exe", () => {
    const exe = officialBinary('win-x64')!;
    const dir = peSecurityDirectory(exe);
    expect(dir.tableSize).toBeGreaterThan(1000);
    expect(dir.tableOffset + dir.tableSize).toBe(exe.length);
    const out = removePeSignature(exe);
    expect(out.length).toBe(dir.tableOffset);
    expect(peSecurityDirectory(out)).toMatchObject({ tableOffset: 0, tableSize: 0 });
    // Only the 8 bytes of the directory entry changed.
    const diff = [];
    for (let i = 0; i < out.length; i++) if (out[i] !== exe[i]) diff.push(i);
    expect(diff.every((i) => i >= dir.entryOffset && i < dir.entryOffset + 8)).toBe(true);
  });
});

/** A minimal arm64 Mach-O executable: __TEXT with one section at 0x1000, then __LINKEDIT up to the end. */
function syntheticMachO(): Buffer {
  const f = Buffer.alloc(0x3000);
  for (let i = 0x1000; i < f.length; i++) f[i] = (i * 7) & 0xff;
  f.writeUInt32LE(0xfeedfacf, 0);
  f.writeUInt32LE(0x0100000c, 4); // arm64
  f.writeUInt32LE(2, 12); // MH_EXECUTE
  f.writeUInt32LE(2, 16); // ncmds
  f.writeUInt32LE(72 + 80 + 72, 20);
  let at = 32;
  f.writeUInt32LE(0x19, at);
  f.writeUInt32LE(72 + 80, at + 4);
  f.write('__TEXT', at + 8, 'latin1');
  f.writeBigUInt64LE(0x2000n, at + 32); // vmsize
  f.writeBigUInt64LE(0n, at + 40);
  f.writeBigUInt64LE(0x2000n, at + 48);
  f.writeUInt32LE(1, at + 64);
  f.write('__text', at + 72, 'latin1');
  f.writeUInt32LE(0x1000, at + 72 + 48);
  at += 72 + 80;
  f.writeUInt32LE(0x19, at);
  f.writeUInt32LE(72, at + 4);
  f.write('__LINKEDIT', at + 8, 'latin1');
  f.writeBigUInt64LE(0x1000n, at + 32);
  f.writeBigUInt64LE(0x2000n, at + 40);
  f.writeBigUInt64LE(0x1000n, at + 48);
  return f;
}

describe('ad-hoc Mach-O signing', () => {
  it('signs every page up to the signature, and a changed byte breaks exactly that page', () => {
    const signed = adHocSign(syntheticMachO(), 'parc-agent');
    const sig = readCodeSignature(signed);
    expect(sig.dataoff).toBe(0x3000);
    expect(sig.dataoff + sig.datasize).toBe(signed.length);
    const [cd] = sig.directories;
    expect(cd).toMatchObject({ identifier: 'parc-agent', codeLimit: 0x3000, nCodeSlots: 3, hashType: 2, flags: 0x20002, execSegLimit: 0x2000n, execSegFlags: 1n });
    expect(verifyCodeDirectory(signed, cd!)).toEqual([]);
    const tampered = Buffer.from(signed);
    tampered.writeUInt8(tampered.readUInt8(0x2100) ^ 1, 0x2100);
    expect(verifyCodeDirectory(tampered, cd!)).toEqual([2]);
  });

  it('is deterministic and removing the signature gives back the unsigned file', () => {
    const a = adHocSign(syntheticMachO(), 'parc-agent');
    expect(adHocSign(syntheticMachO(), 'parc-agent')).toEqual(a);
    const back = removeMachOSignature(a);
    // __LINKEDIT's vmsize may have grown to a whole 16 KiB page; everything else is as before.
    const original = syntheticMachO();
    original.writeBigUInt64LE(back.readBigUInt64LE(32 + 152 + 32), 32 + 152 + 32);
    expect(back).toEqual(original);
  });

  it('refuses to sign twice', () => {
    expect(() => adHocSign(adHocSign(syntheticMachO(), 'x'), 'x')).toThrow(/already signed/);
  });

  for (const name of ['darwin-arm64', 'darwin-x64']) {
    it.skipIf(!cached(name))(`reads and verifies Apple's signature on Node's ${name} binary, then re-signs it the same way`, () => {
      const node = officialBinary(name)!;
      const apple = readCodeSignature(node).directories.find((d) => d.hashType === 2)!;
      // Our page hashing agrees with Apple's codesign on every page.
      expect(verifyCodeDirectory(node, apple)).toEqual([]);
      const ours = adHocSign(removeMachOSignature(node), 'parc-agent');
      const [cd] = readCodeSignature(ours).directories;
      expect(verifyCodeDirectory(ours, cd!)).toEqual([]);
      // Same signed range and executable-segment description as Apple's signature.
      expect({ codeLimit: cd!.codeLimit, base: cd!.execSegBase, limit: cd!.execSegLimit, flags: cd!.execSegFlags }).toEqual({
        codeLimit: apple.codeLimit,
        base: apple.execSegBase,
        limit: apple.execSegLimit,
        flags: apple.execSegFlags,
      });
    });
  }

  const built = path.join(ROOT, 'dist/agent/parc-agent-darwin-arm64');
  it.skipIf(!existsSync(built))('the built darwin-arm64 agent carries a valid ad-hoc signature over the injected blob', () => {
    const bin = readFileSync(built);
    const [cd] = readCodeSignature(bin).directories;
    expect(cd!.identifier).toBe('parc-agent');
    expect(verifyCodeDirectory(bin, cd!)).toEqual([]);
    expect(bin.indexOf('NODE_SEA_BLOB')).toBeGreaterThan(0);
  });
});
