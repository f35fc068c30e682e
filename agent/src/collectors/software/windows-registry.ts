import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Software } from '@parc/shared';
import { clean, run } from './exec.js';

/**
 * Installed programs on Windows, read the way "Apps & features" / "Programs and Features" reads them:
 * the subkeys of the three Uninstall keys (64-bit view, 32-bit view, each loaded user hive).
 *
 * We export with `reg export` instead of `reg query` because the export is a documented, lossless,
 * machine-friendly format (every value with its type), and one process per key is enough.
 */

export type RegValue =
  | { type: 'string'; value: string }
  /** REG_EXPAND_SZ: kept unexpanded, as the registry stores it. */
  | { type: 'expand'; value: string }
  | { type: 'multi'; value: string[] }
  | { type: 'dword'; value: number }
  | { type: 'qword'; value: bigint }
  /** Any other hex(N) value; `kind` is N (REG_BINARY is 3). */
  | { type: 'binary'; kind: number; value: Uint8Array }
  /** `"name"=-` in a .reg file: a deletion, kept so a parse is faithful. */
  | { type: 'delete' };

export interface RegKey {
  /** Full path as written in the file, e.g. `HKEY_LOCAL_MACHINE\SOFTWARE\...\Uninstall\7-Zip`. */
  path: string;
  /** Value name -> value; the default value is under the empty name `''` (written `@`). */
  values: Map<string, RegValue>;
}

/** Decodes a .reg file: `reg export` writes UTF-16LE with a BOM; REGEDIT4 files and hand-made ones are 8-bit. */
export function decodeRegFile(buf: Uint8Array): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  // BOM-less UTF-16LE still shows itself: ASCII text with every second byte zero.
  if (buf.length >= 4 && buf[1] === 0 && buf[3] === 0 && buf[0] !== 0) return new TextDecoder('utf-16le').decode(buf);
  return new TextDecoder('utf-8').decode(buf);
}

/** Reads a quoted .reg string starting at `s[start] === '"'`; returns the text and the index after the closing quote. */
function readQuoted(s: string, start: number): { text: string; end: number } | undefined {
  let out = '';
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      // regedit escapes only backslash and quote; keep any other pair as written.
      const n = s[i + 1];
      out += n === '\\' || n === '"' ? n : `\\${n}`;
      i++;
    } else if (c === '"') {
      return { text: out, end: i + 1 };
    } else {
      out += c;
    }
  }
  return undefined;
}

function hexBytes(list: string): Uint8Array {
  const parts = list.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  const bytes = new Uint8Array(parts.length);
  parts.forEach((p, i) => {
    const n = Number.parseInt(p, 16);
    if (!/^[0-9a-fA-F]{1,2}$/.test(p) || Number.isNaN(n)) throw new Error(`bad hex byte "${p}"`);
    bytes[i] = n;
  });
  return bytes;
}

function utf16Strings(bytes: Uint8Array): string {
  return new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
}

function decodeHex(kind: number, bytes: Uint8Array): RegValue {
  switch (kind) {
    case 1: // REG_SZ written as hex (regedit does so for strings with odd characters)
    case 2: {
      const value = utf16Strings(bytes).replace(/\0+$/, '');
      return kind === 2 ? { type: 'expand', value } : { type: 'string', value };
    }
    case 7: {
      // NUL-separated list ending with an empty string (double NUL).
      const parts = utf16Strings(bytes).split('\0');
      while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
      return { type: 'multi', value: parts };
    }
    case 4:
      if (bytes.length === 4) return { type: 'dword', value: new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) };
      break;
    case 11:
      if (bytes.length === 8) return { type: 'qword', value: new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true) };
      break;
  }
  return { type: 'binary', kind, value: bytes };
}

function parseData(raw: string): RegValue {
  if (raw === '-') return { type: 'delete' };
  if (raw.startsWith('"')) {
    const q = readQuoted(raw, 0);
    if (!q) throw new Error('unterminated string');
    return { type: 'string', value: q.text };
  }
  const dword = /^dword:([0-9a-fA-F]{1,8})$/.exec(raw);
  if (dword?.[1] !== undefined) return { type: 'dword', value: Number.parseInt(dword[1], 16) };
  const hex = /^hex(?:\(([0-9a-fA-F]+)\))?:(.*)$/s.exec(raw);
  if (hex) return decodeHex(hex[1] === undefined ? 3 : Number.parseInt(hex[1], 16), hexBytes(hex[2] ?? ''));
  throw new Error(`unknown value data "${raw.slice(0, 40)}"`);
}

/**
 * Parses the text of a .reg file (`Windows Registry Editor Version 5.00` or `REGEDIT4`).
 * Lenient: a malformed value line is skipped, never fatal, because one odd installer must not hide
 * every other program. Keys deleted with `[-key]` are ignored.
 */
export function parseRegExport(text: string): RegKey[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const keys: RegKey[] = [];
  let cur: RegKey | undefined;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith(';')) continue;
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      if (trimmed.startsWith('[-')) {
        cur = undefined;
        continue;
      }
      cur = { path: trimmed.slice(1, -1), values: new Map() };
      keys.push(cur);
      continue;
    }
    if (!cur) continue; // the header line, or values before any key
    line = line.replace(/^\s+/, '');
    let name: string;
    let rest: string;
    if (line.startsWith('@=')) {
      name = '';
      rest = line.slice(2);
    } else if (line.startsWith('"')) {
      // A multi-line string value: the closing quote is on a later line (the newline is part of the data).
      let q = readQuoted(line, 0);
      if (!q) continue;
      name = q.text;
      rest = line.slice(q.end);
      if (!rest.startsWith('=')) continue;
      rest = rest.slice(1);
      if (rest.startsWith('"')) {
        while (!(q = readQuoted(rest, 0)) && i + 1 < lines.length) rest += `\n${lines[++i] ?? ''}`;
      }
    } else {
      continue;
    }
    // hex values continue on following lines after a trailing backslash.
    if (/^hex(\([0-9a-fA-F]+\))?:/.test(rest)) {
      while (rest.trimEnd().endsWith('\\') && i + 1 < lines.length) {
        rest = rest.trimEnd().slice(0, -1) + (lines[++i] ?? '').trim();
      }
    }
    try {
      cur.values.set(name, parseData(rest.trimEnd()));
    } catch {
      // skip a value we cannot read; the rest of the key still counts
    }
  }
  return keys;
}

/** The last component of a registry path. */
export function keyName(p: string): string {
  const i = p.lastIndexOf('\\');
  return i < 0 ? p : p.slice(i + 1);
}

function str(key: RegKey, name: string): string | undefined {
  const v = key.values.get(name);
  if (!v) return undefined;
  if (v.type === 'string' || v.type === 'expand') return v.value.replace(/\0+$/, '').trim() || undefined;
  if (v.type === 'dword') return String(v.value);
  return undefined;
}

/** A DWORD flag the way Windows reads it: set when non-zero; a string "1" from sloppy installers counts too. */
function flag(key: RegKey, name: string): boolean {
  const v = key.values.get(name);
  if (!v) return false;
  if (v.type === 'dword') return v.value !== 0;
  if (v.type === 'qword') return v.value !== 0n;
  if (v.type === 'string') return /^\s*0*[1-9]\d*\s*$/.test(v.value);
  return false;
}

/**
 * ReleaseType values that mark a patch rather than a product. Compared lower-case with `%` stripped:
 * some hotfix installers write the unexpanded INF placeholder `%HOTFIX%`.
 */
const UPDATE_RELEASE_TYPES = new Set([
  'update',
  'hotfix',
  'security update',
  'update rollup',
  'software update',
  'critical update',
  'service pack',
]);

/**
 * Key names of the Windows hotfix installers (update.exe, and `Q` numbers before the KB renaming):
 * the key is named after the article, e.g. `KB892130`, `KB943729-v2`, `Q828741`. A product that merely
 * mentions a KB in its DisplayName (the MSXML 4.0 SP2 (KB954430) redistributable, an MSI product with
 * its own ProductCode key) is a real, separately installed program and Windows lists it, so the
 * DisplayName alone is not enough...
 */
const HOTFIX_KEY = /^(?:KB|Q)\d{5,8}(?:$|[-_.\s])/i;
/**
 * ...unless the DisplayName is the wording Windows Update and Office use for patches ("Security Update
 * for X (KB123456)", "Hotfix for X (KB…)"): those are updates even under a GUID key without
 * ParentKeyName.
 */
const UPDATE_NAME =
  /^(?:security update|update|hotfix|critical update|cumulative update|update rollup|definition update)\b.*\bfor\b.*\(KB\d{5,8}\)/i;

export type ExcludedReason =
  | 'no-display-name'
  | 'system-component'
  | 'parent-key'
  | 'release-type'
  | 'hotfix-name'
  | 'msi-duplicate';

export interface UninstallOptions {
  /** The registry view's architecture: `x64`/`arm64` for the native view, `x86` for WOW6432Node, none for user hives. */
  arch?: string;
  /** Called for each subkey left out, with why (for tests and debug logs). */
  onExcluded?: (key: RegKey, reason: ExcludedReason) => void;
}

/** The reason Windows would not list this Uninstall subkey as an installed program, or undefined when it would. */
export function exclusionReason(key: RegKey): Exclude<ExcludedReason, 'msi-duplicate'> | undefined {
  const name = str(key, 'DisplayName');
  if (!name) return 'no-display-name';
  if (flag(key, 'SystemComponent')) return 'system-component';
  if (str(key, 'ParentKeyName')) return 'parent-key';
  const rt = str(key, 'ReleaseType')?.replace(/%/g, '').trim().toLowerCase();
  if (rt && UPDATE_RELEASE_TYPES.has(rt)) return 'release-type';
  if (HOTFIX_KEY.test(keyName(key.path)) || UPDATE_NAME.test(name)) return 'hotfix-name';
  return undefined;
}

/** InstallDate as ARP writes it (YYYYMMDD); a few installers write YYYY-MM-DD or YYYY/MM/DD. */
export function parseInstallDate(s: string | undefined): string | undefined {
  const m = s ? /^\s*(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})\s*$/.exec(s) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1970 || y > 2200 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/**
 * The installed programs among the keys of one Uninstall export. Only the direct subkeys of an
 * `...\Uninstall` key are entries (the export also holds the Uninstall key itself).
 *
 * Filters, as "Apps & features" does: no DisplayName, SystemComponent, ParentKeyName (a patch listed
 * under its product), update ReleaseTypes, hotfix keys/names (see HOTFIX_KEY and UPDATE_NAME).
 *
 * MSI duplicates: a setup.exe bootstrapper often registers its own entry (`Office14.PROPLUS`,
 * `Network Console`) and hides the MSI it installs with SystemComponent=1. When it forgets to, the same
 * product shows twice: once under the bootstrapper's key and once under the MSI ProductCode
 * (WindowsInstaller=1). That is one installation, and counting it twice would inflate licence counts,
 * so a WindowsInstaller=1 entry is dropped when a non-MSI entry of the same view has the same
 * DisplayName and the same (or no) DisplayVersion. The non-MSI entry is kept because it is the one that
 * owns the product's updates (their ParentKeyName points at it). Two MSI entries with the same name
 * are kept: they are distinct products (e.g. two versions side by side).
 *
 * `source` is `msi` for WindowsInstaller=1 entries (packageId is then the ProductCode), else `registry`.
 */
export function uninstallEntriesToSoftware(keys: readonly RegKey[], opts: UninstallOptions = {}): Software[] {
  const entries = keys.filter((k) => /\\Uninstall$/i.test(k.path.slice(0, Math.max(0, k.path.lastIndexOf('\\')))));
  const kept: RegKey[] = [];
  for (const k of entries) {
    const reason = exclusionReason(k);
    if (reason) opts.onExcluded?.(k, reason);
    else kept.push(k);
  }
  const nonMsi = new Map<string, Set<string>>();
  for (const k of kept) {
    if (flag(k, 'WindowsInstaller')) continue;
    const n = norm(str(k, 'DisplayName'));
    const versions = nonMsi.get(n) ?? new Set<string>();
    versions.add(norm(str(k, 'DisplayVersion')));
    nonMsi.set(n, versions);
  }
  const out: Software[] = [];
  for (const k of kept) {
    const isMsi = flag(k, 'WindowsInstaller');
    const name = str(k, 'DisplayName') ?? '';
    const version = str(k, 'DisplayVersion');
    if (isMsi) {
      const versions = nonMsi.get(norm(name));
      if (versions && (versions.has(norm(version)) || versions.has('') || !version)) {
        opts.onExcluded?.(k, 'msi-duplicate');
        continue;
      }
    }
    out.push(
      clean({
        name,
        version,
        publisher: str(k, 'Publisher'),
        arch: opts.arch,
        installDate: parseInstallDate(str(k, 'InstallDate')),
        source: isMsi ? ('msi' as const) : ('registry' as const),
        packageId: keyName(k.path),
      }),
    );
  }
  return out;
}

/** User SIDs from `reg query HKU`: real accounts (local/domain `S-1-5-21-…`, Entra ID `S-1-12-1-…`), not `_Classes` or service hives. */
export function parseHkuSids(text: string): string[] {
  const sids: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^HKEY_USERS\\(S-1-(?:5-21|12-1)(?:-\d+)+)\s*$/i.exec(line.trim());
    if (m?.[1]) sids.push(m[1]);
  }
  return sids;
}

const UNINSTALL = 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

/** Windows architecture names as `Software.arch` uses them. */
function nativeArch(): string {
  const a = process.env.PROCESSOR_ARCHITEW6432 ?? process.env.PROCESSOR_ARCHITECTURE ?? process.arch;
  return /arm64/i.test(a) ? 'arm64' : /amd64|x64/i.test(a) ? 'x64' : 'x86';
}

/** reg.exe that sees the native view: a 32-bit process gets SysWOW64's otherwise, which is redirected. */
function regExe(): string {
  const root = process.env.SystemRoot ?? 'C:\\Windows';
  return process.env.PROCESSOR_ARCHITEW6432 ? path.win32.join(root, 'Sysnative', 'reg.exe') : 'reg.exe';
}

/** Runner: exports each Uninstall key to a temp file and parses it. */
export async function collectWindowsRegistry(): Promise<Software[]> {
  const reg = regExe();
  const arch = nativeArch();
  const views: { key: string; arch?: string; optional?: boolean }[] = [{ key: `HKLM\\${UNINSTALL}`, arch }];
  if (arch !== 'x86') views.push({ key: `HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall`, arch: 'x86', optional: true });
  for (const sid of parseHkuSids(await run(reg, ['query', 'HKU'], { timeoutMs: 30_000 }))) {
    // Per-user installs (Teams, VS Code user setup…) land here; most hives have no Uninstall key at all.
    views.push({ key: `HKU\\${sid}\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall`, optional: true });
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'parc-reg-'));
  try {
    const out: Software[] = [];
    for (const [i, view] of views.entries()) {
      const file = path.join(dir, `${i}.reg`);
      try {
        await run(reg, ['export', view.key, file, '/y'], { timeoutMs: 60_000 });
      } catch (err) {
        if (view.optional) continue; // the key does not exist in this hive/view
        throw err;
      }
      const keys = parseRegExport(decodeRegFile(await readFile(file)));
      out.push(...uninstallEntriesToSoftware(keys, view.arch ? { arch: view.arch } : {}));
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
