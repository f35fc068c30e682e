import type { Software } from '@parc/shared';
import { clean, run } from './exec.js';

/**
 * Store / MSIX packages from `Get-AppxPackage`. Frameworks (VCLibs, .NET Native runtimes) and
 * SignatureKind System (the OS's own inbox apps) are left out: the first are plumbing, the second
 * are part of Windows, as the Uninstall list leaves out system components.
 */

export const APPX_SCRIPT =
  '[Console]::OutputEncoding = [Text.Encoding]::UTF8; ' +
  'Get-AppxPackage -AllUsers | Select-Object Name,PackageFullName,Version,Publisher,Architecture,IsFramework,SignatureKind,InstallLocation | ' +
  'ConvertTo-Json -Depth 2 -Compress';

/** Windows.System.ProcessorArchitecture: ConvertTo-Json writes enums as their numbers. */
const ARCH: Record<string, string> = { '0': 'x86', '5': 'arm', '9': 'x64', '11': 'neutral', '12': 'arm64', '14': 'x86', '65535': 'unknown' };
/** Windows.Management.Deployment.PackageSignatureKind. */
const SIGNATURE: Record<string, string> = { '0': 'None', '1': 'Developer', '2': 'Enterprise', '3': 'Store', '4': 'System' };

/** "CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US" -> "Microsoft Corporation". */
export function cnOf(dn: string | undefined): string | undefined {
  if (!dn) return undefined;
  const m = /(?:^|,)\s*CN\s*=\s*("(?:[^"\\]|\\.)*"|(?:[^,\\]|\\.)*)/i.exec(dn);
  if (!m?.[1]) return dn.trim() || undefined;
  const v = m[1].trim();
  return (v.startsWith('"') ? v.slice(1, -1) : v).replace(/\\(.)/g, '$1').trim() || undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Parses the JSON: one object when there is one package, an array otherwise, nothing when none. */
export function parseAppxJson(json: string): Software[] {
  const trimmed = json.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return [];
  const data: unknown = JSON.parse(trimmed);
  const list = Array.isArray(data) ? data : [data];
  const out: Software[] = [];
  for (const raw of list) {
    if (!raw || typeof raw !== 'object') continue;
    const p = raw as Record<string, unknown>;
    const name = text(p.Name);
    if (!name) continue;
    if (p.IsFramework === true || p.IsFramework === 'True') continue;
    const sig = text(p.SignatureKind);
    if ((sig && (SIGNATURE[sig] ?? sig)) === 'System') continue;
    const arch = text(p.Architecture);
    out.push(
      clean({
        name,
        // Version can come as a string, or as a System.Version object when selected without Select-Object.
        version: text(p.Version) ?? versionObject(p.Version),
        publisher: cnOf(text(p.Publisher)),
        arch: arch ? (ARCH[arch] ?? arch.toLowerCase()) : undefined,
        source: 'appx' as const,
        packageId: text(p.PackageFullName),
      }),
    );
  }
  // -AllUsers lists a package once per install, but be safe against the same full name twice.
  return out.filter((s, i) => !s.packageId || out.findIndex((o) => o.packageId === s.packageId) === i);
}

function versionObject(v: unknown): string | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const parts = [o.Major, o.Minor, o.Build, o.Revision].filter((x): x is number => typeof x === 'number' && x >= 0);
  return parts.length ? parts.join('.') : undefined;
}

export async function collectAppx(): Promise<Software[]> {
  const json = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', APPX_SCRIPT], {
    timeoutMs: 180_000,
  });
  return parseAppxJson(json);
}
