import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Runs the real Debian fusioninventory-agent and ocsinventory-agent against a Parc server on localhost
 * (see run-real-agents.sh). CI installs both; elsewhere the test skips and says why.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, 'run-real-agents.sh');
const installed = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const agents = ['fusioninventory-agent', 'ocsinventory-agent'].filter(installed);
if (agents.length === 0) console.warn('real-agents test skipped: install fusioninventory-agent and ocsinventory-agent (apt-get install -y …) to run it');

describe.skipIf(agents.length === 0)(`real peer agents (${agents.join(', ') || 'none installed'})`, () => {
  it('put this machine in GET /api/v1/devices with its packages, as one device; a second run changes nothing; alternating agents writes no software history', () => {
    const r = spawnSync('bash', [script], { encoding: 'utf8', timeout: 240_000, env: { ...process.env, PARC_LOG_LEVEL: 'info' } });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out).toContain('PASSED: one device for this machine');
  }, 300_000);
});
