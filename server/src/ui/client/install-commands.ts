/**
 * The one-line agent installs an admin hands out with a new enrollment token, as served by /install.sh
 * and /install.ps1. Pure: tested in server/test/ui.
 */

/** The token goes inside single quotes for sh; enrollment tokens never contain one, but be safe. */
const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const psQuote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function installCommands(serverUrl: string, token: string): { label: string; command: string }[] {
  const base = serverUrl.replace(/\/+$/, '');
  return [
    { label: 'Linux or macOS (as root)', command: `curl -fsSL ${base}/install.sh | sudo sh -s -- --token ${shQuote(token)}` },
    { label: 'Windows (elevated PowerShell)', command: `& ([scriptblock]::Create((irm ${base}/install.ps1))) -Token ${psQuote(token)}` },
  ];
}
