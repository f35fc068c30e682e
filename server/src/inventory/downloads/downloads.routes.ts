import path from 'node:path';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { DomainError } from '../../platform/http/errors.js';
import { agentDistDir, openFile, shellInstallers, windowsInstaller } from './agent-files.js';
import { powershellBootstrap, shellBootstrap } from './bootstrap-scripts.js';
import { agentDownloadParamsSchema, agentFileName, CHECKSUMS_FILE } from './downloads.schemas.js';
import { publicUrl } from './public-url.js';

const BUILD_HINT = 'build the agents on the server with `npm run build:agent` (or set PARC_AGENT_DIST_DIR to a folder holding them)';

/**
 * Agent downloads and the one-line installers. Public on purpose: a machine being installed has no
 * credentials yet; the enrollment token it is given is what authorises it.
 */
export function registerDownloadRoutes(api: ApiBuilder, deps: AppDeps): void {
  const distDir = agentDistDir(deps.config.PARC_AGENT_DIST_DIR);

  api.route(
    {
      method: 'get',
      path: '/downloads/agent/:file',
      tag: 'Agent downloads',
      summary: 'Download an agent binary or SHA256SUMS',
      description: 'Targets: linux-x64, linux-arm64, win-x64, darwin-x64, darwin-arm64 (or their file names, e.g. parc-agent-win-x64.exe).',
      access: 'public',
      params: agentDownloadParamsSchema,
      responses: {
        200: { description: 'The file', schema: z.string(), contentType: 'application/octet-stream' },
        404: { description: 'Not built on this server' },
      },
    },
    async (c, { params }) => {
      const name = agentFileName(params.file);
      const file = await openFile(path.join(distDir, name));
      if (!file) {
        deps.log.warn({ file: path.join(distDir, name) }, `agent download requested but not built; ${BUILD_HINT}`);
        throw new DomainError(404, 'agent_not_built', `${name} is not available on this server: ${BUILD_HINT}`, 'file');
      }
      const isSums = name === CHECKSUMS_FILE;
      c.header('Content-Type', isSums ? 'text/plain; charset=utf-8' : 'application/octet-stream');
      c.header('Content-Length', String(file.size));
      c.header('Last-Modified', file.mtime.toUTCString());
      c.header('Cache-Control', 'no-cache');
      c.header('X-Content-Type-Options', 'nosniff');
      if (!isSums) c.header('Content-Disposition', `attachment; filename="${name}"`);
      return c.body(file.stream, 200);
    },
  );

  const origin = (c: { req: { url: string; header(name: string): string | undefined } }) => {
    try {
      return publicUrl(deps.config.PARC_PUBLIC_URL, c.req.url, c.req.header('x-forwarded-proto'));
    } catch (e) {
      throw new DomainError(400, 'bad_host', `${(e as Error).message}; set PARC_PUBLIC_URL on the server`, 'host');
    }
  };

  api.route(
    {
      method: 'get',
      path: '/install.sh',
      tag: 'Agent downloads',
      summary: 'Bootstrap installer for Linux and macOS',
      description: 'Use as `curl -fsSL https://SERVER/install.sh | sudo sh -s -- --token TOKEN`.',
      access: 'public',
      responses: { 200: { description: 'POSIX shell script', schema: z.string(), contentType: 'text/x-shellscript' } },
    },
    async (c) => {
      const script = shellBootstrap(origin(c), await shellInstallers());
      c.header('Cache-Control', 'no-cache');
      return c.body(script, 200, { 'Content-Type': 'text/x-shellscript; charset=utf-8' });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/install.ps1',
      tag: 'Agent downloads',
      summary: 'Bootstrap installer for Windows',
      description: 'From an elevated PowerShell: `& ([scriptblock]::Create((irm https://SERVER/install.ps1))) -Token TOKEN`.',
      access: 'public',
      responses: { 200: { description: 'PowerShell script', schema: z.string(), contentType: 'text/plain' } },
    },
    async (c) => {
      const script = powershellBootstrap(origin(c), await windowsInstaller());
      c.header('Cache-Control', 'no-cache');
      return c.body(script, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    },
  );
}
