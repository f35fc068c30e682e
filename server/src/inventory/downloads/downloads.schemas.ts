import { z } from 'zod';

/** The agent builds `npm run build:agent` makes (installers/build/targets.ts), by target and file name. */
export const AGENT_FILES = {
  'linux-x64': 'parc-agent-linux-x64',
  'linux-arm64': 'parc-agent-linux-arm64',
  'win-x64': 'parc-agent-win-x64.exe',
  'darwin-x64': 'parc-agent-darwin-x64',
  'darwin-arm64': 'parc-agent-darwin-arm64',
} as const;
export type AgentTarget = keyof typeof AGENT_FILES;
export const CHECKSUMS_FILE = 'SHA256SUMS';

const names: [string, ...string[]] = [CHECKSUMS_FILE, ...Object.keys(AGENT_FILES), ...Object.values(AGENT_FILES)];

export const agentDownloadParamsSchema = z.object({
  file: z.enum(names, { message: `must be one of ${names.join(', ')}` }).describe('A target (linux-x64), its file name (parc-agent-linux-x64) or SHA256SUMS'),
});

/** The file in the dist folder that a requested name stands for. */
export function agentFileName(requested: string): string {
  return requested in AGENT_FILES ? AGENT_FILES[requested as AgentTarget] : requested;
}

export const binarySchema = z.string().describe('The file');
