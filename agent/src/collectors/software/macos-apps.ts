import type { Software } from '@parc/shared';
import { clean, run } from './exec.js';
import { isDict, parsePlist, type PlistDict, type PlistValue } from './plist.js';

/**
 * macOS applications from `system_profiler -xml SPApplicationsDataType`: every .app bundle Spotlight
 * knows, in /Applications, /System, /Library and home folders.
 */

/** `arch_kind` (macOS 11+) -> Software.arch. */
const ARCH_KIND: Record<string, string> = {
  arch_arm_i64: 'universal',
  arch_arm: 'arm64',
  arch_i64: 'x86_64',
  // Both Intel slices: only the 64-bit one runs on any macOS still supported, so it is what counts.
  arch_i32_i64: 'x86_64',
  arch_i32: 'i386',
  arch_ppc: 'ppc',
  // arch_other (scripts, no Mach-O), arch_ios, arch_web describe a bundle kind, not an architecture.
};

function archOf(app: PlistDict): string | undefined {
  const kind = app.arch_kind;
  if (typeof kind === 'string') return ARCH_KIND[kind];
  // Before macOS 11: runtime_environment + has64BitIntelCode.
  const env = app.runtime_environment;
  if (env === 'arch_x86') return app.has64BitIntelCode === 'yes' ? 'x86_64' : 'i386';
  if (env === 'arch_ppc') return 'ppc';
  return undefined;
}

/** GLPI-style company-name tidy-up: "Foo Incorporated" -> "Foo Inc.", "Foo Corporation" -> "Foo". */
function tidyCompany(s: string): string {
  return s.replace(/\s*Incorporated.*/i, ' Inc.').replace(/\s*Corporation.*/i, '').trim();
}

/** Copyright markers; `ï¿½` is a U+FFFD (an unreadable ©) that went through Latin-1 once, common in old bundles. */
const COPYRIGHT = /\(C\)|©|Copyright|\uFFFD|ï¿½/i;

/** The copyright holder in a CFBundleGetInfoString ("1.2, © 2009-2015 Adobe Systems Incorporated. All rights reserved."). */
function publisherFromInfo(info: string): string | undefined {
  const parts = info.split(/,\s+/);
  if (parts.some((p) => /\bApple\b/i.test(p))) return 'Apple';
  const part = parts.find((p) => COPYRIGHT.test(p));
  if (!part) return undefined;
  let s = /\sby\s(.*)/i.exec(part)?.[1] ?? part;
  s = s
    .split('\n')
    .map((line) => line.replace(/.*(?:\(C\)|©|Copyright|\uFFFD|ï¿½)\s*/gi, ''))
    .join('\n');
  s = s.replace(/\s*All rights reserved\.?\s*/i, '');
  s = tidyCompany(s);
  s = s.replace(/\s*\d+(?:\s*-\s*\d+)?\s*/g, ' ').replace(/\s+/g, ' ').trim();
  s = s.replace(/^[.,\s]+|[,\s]+$/g, '');
  return s || undefined;
}

/**
 * Who made the app, most reliable evidence first:
 * 1. Apple: installed by the OS (`obtained_from` apple) or inside /System/Library/{CoreServices,Frameworks};
 * 2. the Developer ID signing identity ("Developer ID Application: Google LLC (EQHXZ8M8AV)");
 * 3. the copyright holder in the bundle's info string.
 * Mac App Store apps are signed by Apple for the store, which says nothing about their maker: step 3.
 */
export function macPublisher(app: PlistDict): string | undefined {
  const path = typeof app.path === 'string' ? app.path : '';
  if (app.obtained_from === 'apple' || /\/System\/Library\/(?:CoreServices|Frameworks)\//.test(path)) return 'Apple';
  const signer = Array.isArray(app.signed_by) ? app.signed_by[0] : undefined;
  const dev = typeof signer === 'string' ? /^Developer ID Application:\s*(.+?)(?:\s+\([A-Z0-9]{10}\))?$/.exec(signer.trim()) : null;
  if (dev?.[1]) {
    const name = tidyCompany(dev[1].replace(/,.*$/, ''));
    if (name) return name;
  }
  return typeof app.info === 'string' ? publisherFromInfo(app.info) : undefined;
}

/** The `_items` of the SPApplicationsDataType report, wherever the root puts it. */
function applicationItems(root: PlistValue): PlistValue[] {
  const reports = Array.isArray(root) ? root : [root];
  for (const r of reports) {
    if (isDict(r) && Array.isArray(r._items) && (r._dataType === undefined || r._dataType === 'SPApplicationsDataType')) return r._items;
  }
  return [];
}

/**
 * Parses the XML output. Same-named apps (two "Siri" bundles, localised duplicates) are kept: they are
 * distinct bundles, told apart by packageId (the bundle path).
 */
export function parseSystemProfilerApps(xml: string): Software[] {
  const out: Software[] = [];
  for (const app of applicationItems(parsePlist(xml))) {
    if (!isDict(app) || typeof app._name !== 'string' || !app._name.trim()) continue;
    const info = typeof app.info === 'string' ? app.info : '';
    // Windows applications of a Parallels VM show up with a "name, C:\..." info string: not this Mac's.
    if (/^\S+, [A-Z]:\\/.test(info)) continue;
    const version = typeof app.version === 'string' ? app.version.replace(/ \. /g, '.') : undefined;
    const modified = app.lastModified instanceof Date ? app.lastModified.toISOString() : undefined;
    out.push(
      clean({
        // Bundle names come from the file system in NFD; NFC matches what people type and other OSes send.
        name: app._name.normalize('NFC'),
        version,
        publisher: macPublisher(app),
        arch: archOf(app),
        installDate: modified,
        source: 'macos-app' as const,
        packageId: typeof app.path === 'string' ? app.path : undefined,
      }),
    );
  }
  return out;
}

export async function collectMacosApps(): Promise<Software[]> {
  // Spotlight-backed and slow on big disks: allow a few minutes.
  const xml = await run('/usr/sbin/system_profiler', ['-xml', '-detailLevel', 'full', 'SPApplicationsDataType'], { timeoutMs: 300_000 });
  return parseSystemProfilerApps(xml);
}
