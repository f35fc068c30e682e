/**
 * Mach-O code signatures for the macOS agent binaries, in pure TypeScript because no signing tool
 * (codesign, ldid, rcodesign) exists on the Linux machines that build them.
 *
 * - `removeMachOSignature` does what `codesign --remove-signature` does before postject injects the
 *   blob: drops LC_CODE_SIGNATURE and cuts the signature off the end of __LINKEDIT.
 * - `adHocSign` writes an ad-hoc signature (no certificate, no team): a SuperBlob holding one
 *   CodeDirectory with SHA-256 hashes of every 4 KiB page up to the signature. macOS on Apple silicon
 *   refuses to run unsigned code; an ad-hoc signature satisfies the kernel. The layout is the minimal
 *   one that linkers write for every arm64 executable they produce (version 0x20400, flags
 *   adhoc|linker-signed, executable-segment fields for the main binary).
 * - `readCodeSignature`/`verifyCodeDirectory` read a signature back and check its page hashes; the
 *   tests run them on Node's own Apple-signed binaries to prove the hashing matches Apple's.
 *
 * Thin 64-bit little-endian Mach-O only (what Node ships for darwin-x64 and darwin-arm64).
 */
import { createHash } from 'node:crypto';

const MH_MAGIC_64 = 0xfeedfacf;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const HEADER_SIZE = 32;

const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSSLOT_CODEDIRECTORY = 0;
const CSSLOT_ALTERNATE_CODEDIRECTORIES = 0x1000;
const CS_ADHOC = 0x2;
const CS_LINKER_SIGNED = 0x20000;
const CS_EXECSEG_MAIN_BINARY = 0x1;
const CS_HASHTYPE_SHA1 = 1;
const CS_HASHTYPE_SHA256 = 2;
const CD_VERSION_EXECSEG = 0x20400;
const PAGE_SHIFT = 12;
const PAGE_SIZE = 1 << PAGE_SHIFT;
/** Fixed part of a version 0x20400 CodeDirectory. */
const CD_HEADER_SIZE = 88;
const SUPERBLOB_HEADER_SIZE = 12;
const BLOB_INDEX_SIZE = 8;

interface Segment {
  name: string;
  cmdOffset: number;
  vmsize: bigint;
  fileoff: number;
  filesize: number;
}

interface MachO {
  ncmds: number;
  sizeofcmds: number;
  segments: Segment[];
  codeSignature?: { cmdOffset: number; dataoff: number; datasize: number };
  /** Lowest file offset of section contents: load commands must end before it. */
  firstSectionOffset: number;
  /** Page size of the target CPU (16 KiB on arm64), for __LINKEDIT's vmsize. */
  vmPageSize: number;
}

function parse(data: Buffer): MachO {
  if (data.length < HEADER_SIZE || data.readUInt32LE(0) !== MH_MAGIC_64) {
    throw new Error('not a thin 64-bit little-endian Mach-O file (fat binaries are not supported)');
  }
  const cputype = data.readUInt32LE(4);
  const ncmds = data.readUInt32LE(16);
  const sizeofcmds = data.readUInt32LE(20);
  if (HEADER_SIZE + sizeofcmds > data.length) throw new Error('Mach-O load commands run past the end of the file');
  const segments: Segment[] = [];
  let codeSignature: MachO['codeSignature'];
  let firstSectionOffset = data.length;
  let at = HEADER_SIZE;
  for (let i = 0; i < ncmds; i++) {
    const cmd = data.readUInt32LE(at);
    const size = data.readUInt32LE(at + 4);
    if (size < 8 || at + size > HEADER_SIZE + sizeofcmds) throw new Error(`Mach-O load command ${i} is malformed`);
    if (cmd === LC_SEGMENT_64) {
      const name = data.toString('latin1', at + 8, at + 24).replace(/\0+$/, '');
      segments.push({
        name,
        cmdOffset: at,
        vmsize: data.readBigUInt64LE(at + 32),
        fileoff: Number(data.readBigUInt64LE(at + 40)),
        filesize: Number(data.readBigUInt64LE(at + 48)),
      });
      const nsects = data.readUInt32LE(at + 64);
      for (let s = 0; s < nsects; s++) {
        const sect = at + 72 + s * 80;
        const offset = data.readUInt32LE(sect + 48);
        const type = data.readUInt32LE(sect + 64) & 0xff;
        // Zero-fill sections (S_ZEROFILL 1, S_GB_ZEROFILL 12, S_THREAD_LOCAL_ZEROFILL 18) have no bytes in the file.
        if (offset > 0 && ![1, 12, 18].includes(type)) firstSectionOffset = Math.min(firstSectionOffset, offset);
      }
    } else if (cmd === LC_CODE_SIGNATURE) {
      codeSignature = { cmdOffset: at, dataoff: data.readUInt32LE(at + 8), datasize: data.readUInt32LE(at + 12) };
    }
    at += size;
  }
  const CPU_TYPE_ARM64 = 0x0100000c;
  return { ncmds, sizeofcmds, segments, codeSignature, firstSectionOffset, vmPageSize: cputype === CPU_TYPE_ARM64 ? 0x4000 : 0x1000 };
}

/** __LINKEDIT must be the last segment in the file and end where the file ends: the signature goes there. */
function linkedit(m: MachO, fileLength: number): Segment {
  const le = m.segments.find((s) => s.name === '__LINKEDIT');
  if (!le) throw new Error('Mach-O file has no __LINKEDIT segment');
  const last = Math.max(...m.segments.map((s) => s.fileoff + s.filesize));
  if (le.fileoff + le.filesize !== last || last !== fileLength) {
    throw new Error(`__LINKEDIT (${le.fileoff}+${le.filesize}) is not at the end of the ${fileLength}-byte file`);
  }
  return le;
}

function setLinkeditSize(out: Buffer, le: Segment, filesize: number, vmPageSize: number): void {
  const vm = BigInt(Math.ceil(filesize / vmPageSize) * vmPageSize);
  out.writeBigUInt64LE(vm > le.vmsize ? vm : le.vmsize, le.cmdOffset + 32);
  out.writeBigUInt64LE(BigInt(filesize), le.cmdOffset + 48);
}

/** Drops LC_CODE_SIGNATURE and the signature bytes; a file without a signature is returned as is. */
export function removeMachOSignature(data: Buffer): Buffer {
  const m = parse(data);
  const sig = m.codeSignature;
  if (!sig) return Buffer.from(data);
  const le = linkedit(m, data.length);
  if (sig.dataoff + sig.datasize !== data.length || sig.dataoff < le.fileoff) {
    throw new Error('the code signature is not the last thing in __LINKEDIT; refusing to cut it');
  }
  const out = Buffer.from(data.subarray(0, sig.dataoff));
  // Close the gap the load command leaves and zero the freed tail of the command area.
  const cmdsEnd = HEADER_SIZE + m.sizeofcmds;
  out.copy(out, sig.cmdOffset, sig.cmdOffset + 16, cmdsEnd);
  out.fill(0, cmdsEnd - 16, cmdsEnd);
  out.writeUInt32LE(m.ncmds - 1, 16);
  out.writeUInt32LE(m.sizeofcmds - 16, 20);
  // Commands after the removed one moved up by 16 bytes, __LINKEDIT's among them if it came later.
  const leCmd = le.cmdOffset > sig.cmdOffset ? le.cmdOffset - 16 : le.cmdOffset;
  setLinkeditSize(out, { ...le, cmdOffset: leCmd }, sig.dataoff - le.fileoff, 1);
  return out;
}

const align = (n: number, a: number) => Math.ceil(n / a) * a;

export function adHocSignatureSize(codeLimit: number, identifier: string): number {
  const pages = Math.ceil(codeLimit / PAGE_SIZE);
  return SUPERBLOB_HEADER_SIZE + BLOB_INDEX_SIZE + CD_HEADER_SIZE + Buffer.byteLength(identifier) + 1 + pages * 32;
}

/**
 * Returns a copy of an unsigned Mach-O executable with an ad-hoc signature appended at the end of
 * __LINKEDIT and an LC_CODE_SIGNATURE command pointing at it. Deterministic: the same input gives
 * the same bytes.
 */
export function adHocSign(data: Buffer, identifier: string): Buffer {
  const m = parse(data);
  if (m.codeSignature) throw new Error('the file is already signed; remove the signature first');
  const le = linkedit(m, data.length);
  const text = m.segments.find((s) => s.name === '__TEXT');
  if (!text) throw new Error('Mach-O file has no __TEXT segment');
  const cmdsEnd = HEADER_SIZE + m.sizeofcmds;
  if (cmdsEnd + 16 > m.firstSectionOffset) throw new Error('no room after the load commands for LC_CODE_SIGNATURE');

  const codeLimit = align(data.length, 16);
  const sigSize = adHocSignatureSize(codeLimit, identifier);
  const out = Buffer.alloc(codeLimit + sigSize);
  data.copy(out);
  // Header changes first: page 0, which holds them, is hashed like every other page.
  out.writeUInt32LE(LC_CODE_SIGNATURE, cmdsEnd);
  out.writeUInt32LE(16, cmdsEnd + 4);
  out.writeUInt32LE(codeLimit, cmdsEnd + 8);
  out.writeUInt32LE(sigSize, cmdsEnd + 12);
  out.writeUInt32LE(m.ncmds + 1, 16);
  out.writeUInt32LE(m.sizeofcmds + 16, 20);
  setLinkeditSize(out, le, codeLimit + sigSize - le.fileoff, m.vmPageSize);

  // SuperBlob and CodeDirectory are big-endian.
  let p = codeLimit;
  const cdOffset = SUPERBLOB_HEADER_SIZE + BLOB_INDEX_SIZE;
  p = out.writeUInt32BE(CSMAGIC_EMBEDDED_SIGNATURE, p);
  p = out.writeUInt32BE(sigSize, p);
  p = out.writeUInt32BE(1, p);
  p = out.writeUInt32BE(CSSLOT_CODEDIRECTORY, p);
  p = out.writeUInt32BE(cdOffset, p);
  const cdStart = p;
  const identOffset = CD_HEADER_SIZE;
  const hashOffset = identOffset + Buffer.byteLength(identifier) + 1;
  const pages = Math.ceil(codeLimit / PAGE_SIZE);
  p = out.writeUInt32BE(CSMAGIC_CODEDIRECTORY, p);
  p = out.writeUInt32BE(sigSize - cdOffset, p);
  p = out.writeUInt32BE(CD_VERSION_EXECSEG, p);
  p = out.writeUInt32BE(CS_ADHOC | CS_LINKER_SIGNED, p);
  p = out.writeUInt32BE(hashOffset, p);
  p = out.writeUInt32BE(identOffset, p);
  p = out.writeUInt32BE(0, p); // nSpecialSlots
  p = out.writeUInt32BE(pages, p); // nCodeSlots
  p = out.writeUInt32BE(codeLimit, p);
  p = out.writeUInt8(32, p); // hashSize
  p = out.writeUInt8(CS_HASHTYPE_SHA256, p);
  p = out.writeUInt8(0, p); // platform
  p = out.writeUInt8(PAGE_SHIFT, p);
  p = out.writeUInt32BE(0, p); // spare2
  p = out.writeUInt32BE(0, p); // scatterOffset
  p = out.writeUInt32BE(0, p); // teamOffset
  p = out.writeUInt32BE(0, p); // spare3
  p = out.writeBigUInt64BE(0n, p); // codeLimit64 (unused below 4 GiB)
  p = out.writeBigUInt64BE(BigInt(text.fileoff), p);
  p = out.writeBigUInt64BE(BigInt(text.filesize), p);
  p = out.writeBigUInt64BE(BigInt(CS_EXECSEG_MAIN_BINARY), p);
  if (p - cdStart !== CD_HEADER_SIZE) throw new Error('internal: CodeDirectory header size');
  p += out.write(identifier + '\0', p, 'latin1');
  for (let page = 0; page < pages; page++) {
    const start = page * PAGE_SIZE;
    createHash('sha256')
      .update(out.subarray(start, Math.min(start + PAGE_SIZE, codeLimit)))
      .digest()
      .copy(out, p);
    p += 32;
  }
  if (p !== out.length) throw new Error('internal: signature size');
  return out;
}

export interface CodeDirectory {
  version: number;
  flags: number;
  hashType: number;
  hashSize: number;
  pageShift: number;
  codeLimit: number;
  nCodeSlots: number;
  nSpecialSlots: number;
  identifier: string;
  execSegBase: bigint;
  execSegLimit: bigint;
  execSegFlags: bigint;
  hashes: Buffer[];
}

/** Reads the CodeDirectories of a signed Mach-O file (primary and alternates). */
export function readCodeSignature(data: Buffer): { dataoff: number; datasize: number; directories: CodeDirectory[] } {
  const m = parse(data);
  if (!m.codeSignature) throw new Error('the file has no LC_CODE_SIGNATURE');
  const { dataoff, datasize } = m.codeSignature;
  if (data.readUInt32BE(dataoff) !== CSMAGIC_EMBEDDED_SIGNATURE) throw new Error('no embedded-signature SuperBlob at LC_CODE_SIGNATURE');
  const count = data.readUInt32BE(dataoff + 8);
  const directories: CodeDirectory[] = [];
  for (let i = 0; i < count; i++) {
    const type = data.readUInt32BE(dataoff + 12 + i * 8);
    const cd = dataoff + data.readUInt32BE(dataoff + 16 + i * 8);
    const isCd = type === CSSLOT_CODEDIRECTORY || (type >= CSSLOT_ALTERNATE_CODEDIRECTORIES && type < CSSLOT_ALTERNATE_CODEDIRECTORIES + 5);
    if (!isCd || data.readUInt32BE(cd) !== CSMAGIC_CODEDIRECTORY) continue;
    const version = data.readUInt32BE(cd + 8);
    const hashOffset = data.readUInt32BE(cd + 16);
    const identOffset = data.readUInt32BE(cd + 20);
    const nCodeSlots = data.readUInt32BE(cd + 28);
    const hashSize = data.readUInt8(cd + 36);
    const identEnd = data.indexOf(0, cd + identOffset);
    const hashes = [];
    for (let s = 0; s < nCodeSlots; s++) hashes.push(data.subarray(cd + hashOffset + s * hashSize, cd + hashOffset + (s + 1) * hashSize));
    directories.push({
      version,
      flags: data.readUInt32BE(cd + 12),
      nSpecialSlots: data.readUInt32BE(cd + 24),
      nCodeSlots,
      codeLimit: data.readUInt32BE(cd + 32),
      hashSize,
      hashType: data.readUInt8(cd + 37),
      pageShift: data.readUInt8(cd + 39),
      identifier: data.toString('latin1', cd + identOffset, identEnd),
      execSegBase: version >= CD_VERSION_EXECSEG ? data.readBigUInt64BE(cd + 64) : 0n,
      execSegLimit: version >= CD_VERSION_EXECSEG ? data.readBigUInt64BE(cd + 72) : 0n,
      execSegFlags: version >= CD_VERSION_EXECSEG ? data.readBigUInt64BE(cd + 80) : 0n,
      hashes,
    });
  }
  return { dataoff, datasize, directories };
}

/** Page hashes that do not match the file's bytes (an empty list means the CodeDirectory is intact). */
export function verifyCodeDirectory(data: Buffer, cd: CodeDirectory): number[] {
  const algo = cd.hashType === CS_HASHTYPE_SHA256 ? 'sha256' : cd.hashType === CS_HASHTYPE_SHA1 ? 'sha1' : undefined;
  if (!algo) throw new Error(`unsupported hash type ${cd.hashType}`);
  const page = 1 << cd.pageShift;
  const bad: number[] = [];
  cd.hashes.forEach((expected, i) => {
    const start = i * page;
    const got = createHash(algo)
      .update(data.subarray(start, Math.min(start + page, cd.codeLimit)))
      .digest()
      .subarray(0, cd.hashSize);
    if (!got.equals(expected)) bad.push(i);
  });
  return bad;
}
