import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ShellInstallers } from './bootstrap-scripts.js';

/** The repository root (server/src/inventory/downloads → ../../../..): where dist/agent and installers/ live. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Folder holding the built agent binaries: PARC_AGENT_DIST_DIR, else the build's own dist/agent. */
export function agentDistDir(configured: string | undefined): string {
  return configured ? path.resolve(configured) : path.join(REPO_ROOT, 'dist/agent');
}

export interface OpenedFile {
  size: number;
  mtime: Date;
  stream: ReadableStream<Uint8Array>;
}

/** Opens a regular file for streaming, or undefined when it is not there. */
export async function openFile(file: string): Promise<OpenedFile | undefined> {
  const s = await stat(file).catch(() => undefined);
  if (!s?.isFile()) return undefined;
  return { size: s.size, mtime: s.mtime, stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array> };
}

const INSTALLERS = path.join(REPO_ROOT, 'installers');
const read = (rel: string) => readFile(path.join(INSTALLERS, rel), 'utf8');

/** The installers the bootstrap scripts embed, read from installers/ at request time (small files). */
export async function shellInstallers(): Promise<ShellInstallers> {
  const [linuxInstall, linuxUnit, macosInstall, macosPlist] = await Promise.all([
    read('linux/install.sh'),
    read('linux/parc-agent.service'),
    read('macos/install.sh'),
    read('macos/com.parc.agent.plist'),
  ]);
  return { linuxInstall, linuxUnit, macosInstall, macosPlist };
}

export function windowsInstaller(): Promise<string> {
  return read('windows/install.ps1');
}
