/**
 * Removes the Authenticode signature of a PE file (what `signtool remove /s` does): clears the
 * security entry of the optional header's data directory and cuts the certificate table off the end
 * of the file. Node's Windows build is signed; injecting the SEA blob would leave a signature that no
 * longer matches, which Windows treats worse than none. Pure: returns a new buffer.
 */

const SECURITY_DIRECTORY = 4;

export interface PeSecurityDirectory {
  /** File offset of the field holding the certificate table's offset (the size follows it). */
  entryOffset: number;
  /** File offset of the certificate table (for this directory entry it is a file offset, not an RVA). */
  tableOffset: number;
  tableSize: number;
}

/** Locates the security directory entry; throws on anything that is not a well-formed PE32/PE32+ file. */
export function peSecurityDirectory(data: Buffer): PeSecurityDirectory {
  if (data.length < 0x40 || data.readUInt16LE(0) !== 0x5a4d) throw new Error('not a PE file: no MZ header');
  const pe = data.readUInt32LE(0x3c);
  if (pe + 24 > data.length || data.readUInt32LE(pe) !== 0x00004550) throw new Error('not a PE file: no PE signature at e_lfanew');
  const optionalSize = data.readUInt16LE(pe + 20);
  const optional = pe + 24;
  const magic = data.readUInt16LE(optional);
  // PE32+ (0x20b) has 8-byte ImageBase etc.; the directory count and table move by 16 bytes.
  const [countAt, dirsAt] = magic === 0x20b ? [108, 112] : magic === 0x10b ? [92, 96] : [-1, -1];
  if (countAt < 0) throw new Error(`not a PE file: unknown optional header magic 0x${magic.toString(16)}`);
  const count = data.readUInt32LE(optional + countAt);
  if (count <= SECURITY_DIRECTORY || dirsAt + (SECURITY_DIRECTORY + 1) * 8 > optionalSize) {
    return { entryOffset: -1, tableOffset: 0, tableSize: 0 };
  }
  const entryOffset = optional + dirsAt + SECURITY_DIRECTORY * 8;
  return { entryOffset, tableOffset: data.readUInt32LE(entryOffset), tableSize: data.readUInt32LE(entryOffset + 4) };
}

export function removePeSignature(data: Buffer): Buffer {
  const dir = peSecurityDirectory(data);
  if (dir.entryOffset < 0 || (dir.tableOffset === 0 && dir.tableSize === 0)) return Buffer.from(data);
  const end = dir.tableOffset + dir.tableSize;
  // Authenticode requires the table to be the last thing in the file (the signer pads it to 8 bytes).
  if (dir.tableOffset > data.length || end > data.length || data.length - end >= 8) {
    throw new Error(`certificate table at ${dir.tableOffset}+${dir.tableSize} is not at the end of the ${data.length}-byte file; refusing to cut it`);
  }
  // WIN_CERTIFICATE: dwLength, wRevision 0x0200, wCertificateType 2 (PKCS#7 signed data).
  if (dir.tableSize < 8 || data.readUInt16LE(dir.tableOffset + 4) !== 0x0200 || data.readUInt16LE(dir.tableOffset + 6) !== 2) {
    throw new Error(`security directory at ${dir.tableOffset} does not hold an Authenticode WIN_CERTIFICATE; refusing to cut it`);
  }
  const out = Buffer.from(data.subarray(0, dir.tableOffset));
  out.writeUInt32LE(0, dir.entryOffset);
  out.writeUInt32LE(0, dir.entryOffset + 4);
  return out;
}
