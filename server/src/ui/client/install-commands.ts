import type { PlainKey } from './i18n/i18n.js';

/**
 * The one-line agent installs an admin hands out with a new enrollment token, as served by /install.sh
 * and /install.ps1. Pure: tested in server/test/ui.
 */

/** The token goes inside single quotes for sh; enrollment tokens never contain one, but be safe. */
const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const psQuote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `label`: the catalogue key of where the command runs. */
export function installCommands(serverUrl: string, token: string): { label: PlainKey; command: string }[] {
  const base = serverUrl.replace(/\/+$/, '');
  return [
    { label: 'tokens.install.unix', command: `curl -fsSL ${base}/install.sh | sudo sh -s -- --token ${shQuote(token)}` },
    { label: 'tokens.install.windows', command: `& ([scriptblock]::Create((irm ${base}/install.ps1))) -Token ${psQuote(token)}` },
  ];
}
