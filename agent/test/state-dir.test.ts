import { describe, expect, it } from 'vitest';
import { chooseStateDir, isPrivileged } from '../src/state/state-dir.js';

describe('chooseStateDir', () => {
  const env = {};
  it('uses the system folder for root/SYSTEM', () => {
    expect(chooseStateDir({ platform: 'linux', privileged: true, env, home: '/root' })).toBe('/etc/parc-agent');
    expect(chooseStateDir({ platform: 'darwin', privileged: true, env, home: '/var/root' })).toBe('/Library/Application Support/Parc');
    expect(chooseStateDir({ platform: 'win32', privileged: true, env: { ProgramData: 'D:\\PD' }, home: 'C:\\x' })).toBe('D:\\PD\\Parc');
  });
  it('uses a per-user folder otherwise', () => {
    expect(chooseStateDir({ platform: 'linux', privileged: false, env, home: '/home/u' })).toBe('/home/u/.config/parc-agent');
    expect(chooseStateDir({ platform: 'linux', privileged: false, env: { XDG_CONFIG_HOME: '/x/cfg' }, home: '/home/u' })).toBe('/x/cfg/parc-agent');
    expect(chooseStateDir({ platform: 'darwin', privileged: false, env, home: '/Users/u' })).toBe('/Users/u/Library/Application Support/Parc');
    expect(chooseStateDir({ platform: 'win32', privileged: false, env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, home: 'C:\\Users\\u' })).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Parc',
    );
  });
  it('lets --state-dir beat the env var, which beats the default', () => {
    const e = { PARC_AGENT_STATE_DIR: '/env/dir' };
    expect(chooseStateDir({ platform: 'linux', privileged: true, env: e, home: '/root' })).toBe('/env/dir');
    expect(chooseStateDir({ platform: 'linux', privileged: true, env: e, home: '/root', override: '/flag' })).toBe('/flag');
  });
  it('detects privilege per platform', () => {
    expect(isPrivileged('linux', {}, 0)).toBe(true);
    expect(isPrivileged('linux', {}, 1000)).toBe(false);
    expect(isPrivileged('win32', { USERNAME: 'SYSTEM' })).toBe(true);
    expect(isPrivileged('win32', { USERNAME: 'WS42$' })).toBe(true);
    expect(isPrivileged('win32', { USERNAME: 'alice' })).toBe(false);
  });
});
