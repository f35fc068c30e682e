import type { Inventory, Software } from '@parc/shared';

/**
 * The simulated fleet, generated deterministically from a seed: per-OS machines with 300–900 packages
 * (a common base every machine of the OS has, a long tail, rare tools), and the churn of real fleets.
 */

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const hex = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');

export type Os = 'windows' | 'macos' | 'linux';

const LINUX_COMMON = ['bash', 'coreutils', 'libc6', 'openssl', 'libssl3', 'systemd', 'dpkg', 'apt', 'grep', 'sed', 'tar', 'gzip', 'curl', 'wget', 'openssh-client', 'python3', 'perl-base', 'util-linux', 'procps', 'sudo', 'vim-tiny', 'less', 'ca-certificates', 'tzdata', 'locales', 'iproute2', 'netbase', 'findutils', 'e2fsprogs', 'mount'];
const WINDOWS_COMMON = ['Microsoft Edge', 'Microsoft Edge WebView2 Runtime', 'Microsoft Visual C++ 2015-2022 Redistributable (x64)', 'Microsoft Visual C++ 2015-2022 Redistributable (x86)', 'Microsoft Update Health Tools', 'Microsoft OneDrive', 'Microsoft Teams', 'Microsoft 365 Apps for enterprise', 'Windows PC Health Check', 'Google Chrome', 'Mozilla Firefox', 'Adobe Acrobat Reader', '7-Zip', 'Notepad++', 'VLC media player', 'Zoom Workplace', 'Intel Graphics Driver', 'Realtek Audio Driver', 'Microsoft .NET Runtime', 'Windows Software Development Kit'];
const MACOS_COMMON = ['Safari', 'Mail', 'Calendar', 'Photos', 'Music', 'Pages', 'Numbers', 'Keynote', 'Xcode Command Line Tools', 'Google Chrome', 'Firefox', 'Slack', 'Microsoft Word', 'Microsoft Excel', 'Microsoft Outlook', 'Zoom', '1Password', 'Visual Studio Code', 'iTerm', 'Docker Desktop'];
const WORDS = ['core', 'data', 'net', 'crypt', 'font', 'image', 'audio', 'video', 'print', 'mail', 'sync', 'cloud', 'shell', 'term', 'graph', 'xml', 'json', 'http', 'ssl', 'zip', 'text', 'docs', 'map', 'geo', 'time', 'calc', 'chart', 'scan', 'vpn', 'auth', 'log', 'trace', 'perf', 'wifi', 'bluetooth', 'usb', 'disk', 'backup', 'media', 'render'];
const VENDORS = ['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Litware', 'Adatum', 'Proseware', 'Wingtip', 'Woodgrove', 'Fourth Coffee'];
const PRODUCTS = ['Analyzer', 'Studio', 'Client', 'Agent', 'Viewer', 'Manager', 'Toolkit', 'Connector', 'Helper', 'Monitor', 'Launcher', 'Updater', 'Designer', 'Reader', 'Recorder'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A pool of distinct package names for an OS (the long tail); rare tools come from `rarePool`. */
function tailPool(os: Os, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < size; i++) {
    const a = WORDS[i % WORDS.length]!;
    const b = WORDS[Math.floor(i / WORDS.length) % WORDS.length]!;
    const suffix = LETTERS[Math.floor(i / (WORDS.length * WORDS.length)) % 26]!;
    if (os === 'linux') out.push(`lib${a}-${b}${suffix}`);
    else {
      const v = VENDORS[i % VENDORS.length]!;
      const p = PRODUCTS[Math.floor(i / VENDORS.length) % PRODUCTS.length]!;
      out.push(`${v} ${a}${b}${suffix} ${p}`);
    }
  }
  return out;
}
const POOLS: Record<Os, { common: string[]; tail: string[] }> = {
  linux: { common: LINUX_COMMON, tail: tailPool('linux', 1500) },
  windows: { common: WINDOWS_COMMON, tail: tailPool('windows', 1500) },
  macos: { common: MACOS_COMMON, tail: tailPool('macos', 1500) },
};
const rareName = (os: Os, k: number) => (os === 'linux' ? `rare-tool-${LETTERS[k % 26]}${LETTERS[Math.floor(k / 26) % 26]}${LETTERS[Math.floor(k / 676) % 26]}` : `Rare ${LETTERS[k % 26]}${LETTERS[Math.floor(k / 26) % 26]}${LETTERS[Math.floor(k / 676) % 26]} Tool`);

const SOURCE: Record<Os, Software['source']> = { linux: 'deb', windows: 'registry', macos: 'macos-app' };
const PLATFORM: Record<Os, string> = { linux: 'linux', windows: 'windows', macos: 'darwin' };

function pkg(os: Os, name: string, r: () => number): Software {
  return { name, version: `${int(r, 0, 30)}.${int(r, 0, 20)}.${int(r, 0, 99)}`, source: SOURCE[os], arch: os === 'macos' ? 'arm64' : 'x64', ...(os === 'windows' ? { publisher: name.split(' ')[0] } : {}) };
}

export interface SimMachine {
  index: number;
  os: Os;
  hostname: string;
  inventory: Omit<Inventory, 'agentId' | 'collectedAt'>;
  /** Set on a clone: the index of the machine whose hardware UUID it carries. */
  cloneOf?: number;
}

/** Machine `index` of the fleet (the clone of another when `cloneOf` is given). */
export function makeMachine(seed: number, tag: string, index: number, cloneOf?: SimMachine): SimMachine {
  const r = rng(seed * 1_000_003 + index);
  const os: Os = cloneOf?.os ?? (index % 10 < 6 ? 'windows' : index % 10 < 8 ? 'macos' : 'linux');
  const pool = POOLS[os];
  const count = int(r, 300, 900);
  const names = new Set(pool.common);
  while (names.size < count) names.add(pick(r, pool.tail));
  // One machine in five has a rare tool or two.
  if (r() < 0.2) names.add(rareName(os, int(r, 0, 5000)));
  const hostname = `${tag}-${os.slice(0, 3)}-${String(index).padStart(5, '0')}`;
  const uuid = cloneOf?.inventory.hardware?.uuid ?? `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
  const mac = () => `5c:${Array.from({ length: 5 }, () => hex(r, 2)).join(':')}`;
  const inventory: SimMachine['inventory'] = {
    schemaVersion: 1,
    hostname,
    agentVersion: '0.1.0-sim',
    hardware: {
      manufacturer: os === 'macos' ? 'Apple Inc.' : pick(r, ['Dell Inc.', 'LENOVO', 'HP']),
      model: os === 'macos' ? 'MacBookPro18,3' : pick(r, ['Latitude 5440', 'ThinkPad T14 Gen 4', 'EliteBook 840 G10', 'OptiPlex 7010']),
      serial: `SIM${tag.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}${String(index).padStart(6, '0')}`,
      uuid,
      chassisType: 'Notebook',
      memoryBytes: 16 * 2 ** 30,
    },
    os: { platform: PLATFORM[os], name: os === 'windows' ? 'Windows 11 Pro' : os === 'macos' ? 'macOS' : 'Ubuntu', version: os === 'windows' ? '10.0.22631' : os === 'macos' ? '14.6' : '24.04', arch: os === 'macos' ? 'arm64' : 'x64' },
    cpus: [{ manufacturer: os === 'macos' ? 'Apple' : 'Intel', model: os === 'macos' ? 'Apple M3 Pro' : 'Intel(R) Core(TM) i7-1365U', cores: 10, threads: 12 }],
    memoryModules: [{ slot: 'DIMM0', sizeBytes: 16 * 2 ** 30, type: 'DDR5', serial: hex(r, 8) }],
    storage: [{ name: os === 'windows' ? 'PHYSICALDRIVE0' : 'nvme0n1', model: 'SAMSUNG MZVL2512HCJQ', serial: `S6${hex(r, 10).toUpperCase()}`, type: 'NVMe', sizeBytes: 512_110_190_592 }],
    volumes: [{ mount: os === 'windows' ? 'C:' : '/', fsType: os === 'windows' ? 'NTFS' : os === 'macos' ? 'apfs' : 'ext4', sizeBytes: 500_000_000_000, freeBytes: int(r, 1, 400) * 1_000_000_000 }],
    networks: [{ name: os === 'windows' ? 'Ethernet' : 'en0', mac: mac(), ipv4: [`10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`], ipv6: [], virtual: false, type: 'wired' }],
    users: [{ username: `user${index}`, type: 'logged-in' }],
    software: [...names].map((n) => pkg(os, n, r)),
  };
  return { index, os, hostname, inventory, ...(cloneOf ? { cloneOf: cloneOf.index } : {}) };
}

export type Churn = 'none' | 'upgrade' | 'install' | 'remove' | 'hardware-swap' | 'rename';

/**
 * The change a machine goes through before its `cycle`-th inventory (cycle ≥ 1). Most cycles change
 * nothing (a check-in); some upgrade, install or remove packages; a few machines get a hardware swap
 * (disk, memory, network card: the same machine, new components) or a new name.
 */
export function churnFor(seed: number, index: number, cycle: number): Churn {
  if (cycle === 1 && index % 97 === 1) return 'rename';
  if (cycle === 1 && index % 101 === 2) return 'hardware-swap';
  const x = rng(seed * 7919 + index * 131 + cycle)();
  return x < 0.7 ? 'none' : x < 0.85 ? 'upgrade' : x < 0.93 ? 'install' : 'remove';
}

/** Applies `churn` to the machine in place; deterministic for (seed, index, cycle). */
export function applyChurn(m: SimMachine, churn: Churn, seed: number, cycle: number, tag: string): void {
  const r = rng(seed * 104_729 + m.index * 31 + cycle);
  const inv = m.inventory;
  const software = inv.software ?? [];
  if (inv.volumes?.[0]) inv.volumes[0].freeBytes = int(r, 1, 400) * 1_000_000_000; // volatile: never a change
  switch (churn) {
    case 'none':
      return;
    case 'upgrade': {
      const n = Math.max(1, Math.round(software.length * (0.01 + r() * 0.04)));
      for (let i = 0; i < n; i++) {
        const s = pick(r, software);
        s.version = `${s.version}.${cycle}`;
      }
      return;
    }
    case 'install': {
      const have = new Set(software.map((s) => s.name));
      for (let i = int(r, 1, 3); i > 0; i--) {
        const name = rareName(m.os, int(r, 0, 15_000));
        if (have.has(name)) continue;
        software.push(pkg(m.os, name, r));
        have.add(name);
      }
      return;
    }
    case 'remove':
      for (let i = int(r, 1, 2); i > 0 && software.length > 1; i--) software.splice(Math.floor(r() * software.length), 1);
      return;
    case 'hardware-swap':
      inv.storage = [{ name: inv.storage?.[0]?.name ?? 'disk0', model: 'WD PC SN740 1TB', serial: `WD${hex(r, 10).toUpperCase()}`, type: 'NVMe', sizeBytes: 1_024_209_543_168 }];
      inv.memoryModules = [0, 1].map((slot) => ({ slot: `DIMM${slot}`, sizeBytes: 16 * 2 ** 30, type: 'DDR5', serial: hex(r, 8) }));
      if (inv.networks?.[0]) inv.networks[0].mac = `5c:${Array.from({ length: 5 }, () => hex(r, 2)).join(':')}`;
      return;
    case 'rename':
      m.hostname = `${tag}-${m.os.slice(0, 3)}-${String(m.index).padStart(5, '0')}-renamed`;
      inv.hostname = m.hostname;
      return;
  }
}

/** The number of installations the server should hold for what the machine reports. */
export function expectedInstallations(inv: Pick<Inventory, 'software'>): number {
  return new Set((inv.software ?? []).map((s) => [s.name.toLowerCase(), s.arch ?? '', s.source, s.version ?? ''].join('\u0000'))).size;
}
