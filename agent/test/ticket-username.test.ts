import { describe, expect, it, vi } from 'vitest';
import { chooseTicketUsername, isPersonName, isSystemAccount, parseQueryUser, parseWho, qualify } from '../src/identity/console-user.js';

const never = () => Promise.reject(new Error('the console must not be asked for a person running the command'));

describe('chooseTicketUsername', () => {
  it('names the user running the command when that is a person', async () => {
    expect(await chooseTicketUsername({ platform: 'linux', self: { username: 'alice', uid: 1000 }, consoleUser: never })).toBe('alice');
    expect(await chooseTicketUsername({ platform: 'darwin', self: { username: 'bob', uid: 501 }, consoleUser: never })).toBe('bob');
  });

  it('prefixes the Windows domain from USERDOMAIN when set', async () => {
    expect(await chooseTicketUsername({ platform: 'win32', self: { username: 'jdoe', uid: -1 }, userDomain: 'CORP', consoleUser: never })).toBe('CORP\\jdoe');
    expect(await chooseTicketUsername({ platform: 'win32', self: { username: 'jdoe', uid: -1 }, userDomain: '  ', consoleUser: never })).toBe('jdoe');
    expect(await chooseTicketUsername({ platform: 'win32', self: { username: 'jdoe', uid: -1 }, consoleUser: never })).toBe('jdoe');
    // USERDOMAIN means nothing off Windows
    expect(await chooseTicketUsername({ platform: 'linux', self: { username: 'jdoe', uid: 1000 }, userDomain: 'CORP', consoleUser: never })).toBe('jdoe');
  });

  it('asks the console when running as root or SYSTEM', async () => {
    const consoleUser = vi.fn(async () => 'carol');
    expect(await chooseTicketUsername({ platform: 'linux', self: { username: 'root', uid: 0 }, consoleUser })).toBe('carol');
    expect(await chooseTicketUsername({ platform: 'darwin', self: { username: 'root', uid: 0 }, consoleUser })).toBe('carol');
    expect(await chooseTicketUsername({ platform: 'win32', self: { username: 'SYSTEM', uid: -1 }, userDomain: 'NT AUTHORITY', consoleUser: async () => 'CORP\\carol' })).toBe('CORP\\carol');
    expect(await chooseTicketUsername({ platform: 'win32', self: { username: 'PC42$', uid: -1 }, consoleUser })).toBe('carol');
    // no passwd entry for our uid: the console decides
    expect(await chooseTicketUsername({ platform: 'linux', self: undefined, consoleUser })).toBe('carol');
    expect(consoleUser).toHaveBeenCalledTimes(4);
  });

  it('names nobody when the console has no person (login window, nobody logged in, root on the console)', async () => {
    const root = { username: 'root', uid: 0 };
    for (const atConsole of [undefined, '', 'root', 'loginwindow', '_mbsetupuser', 'SYSTEM']) {
      expect(await chooseTicketUsername({ platform: 'darwin', self: root, consoleUser: async () => atConsole })).toBeUndefined();
    }
  });

  it('classifies accounts', () => {
    expect(isSystemAccount('linux', { username: 'alice', uid: 0 })).toBe(true); // uid 0 under another name
    expect(isSystemAccount('linux', { username: 'alice', uid: 1000 })).toBe(false);
    expect(isSystemAccount('win32', { username: 'LOCAL SERVICE', uid: -1 })).toBe(true);
    expect(isSystemAccount('win32', { username: 'NetworkService', uid: -1 })).toBe(true);
    expect(isSystemAccount('win32', { username: 'Administrator', uid: -1 })).toBe(false);
    expect(isPersonName('alice')).toBe(true);
    expect(isPersonName('_windowserver')).toBe(false);
    expect(qualify('win32', 'CORP\\x', 'OTHER')).toBe('CORP\\x');
  });
});

describe('console-user parsers', () => {
  it('who: the local display or text console wins over remote sessions', () => {
    const out = [
      'ops      pts/0        2026-11-28 09:00 (10.0.0.5)',
      'root     tty2         2026-11-28 08:00',
      'alice    tty7         2026-11-28 08:30 (:0)',
    ].join('\n');
    expect(parseWho(out)).toBe('alice');
    expect(parseWho('bob      :0           2026-11-28 08:30 (:0)\n')).toBe('bob');
    expect(parseWho('dave     seat0        2026-11-28 08:30 (login screen)\n')).toBe('dave');
    // only remote sessions: the single person logged in, else nobody
    expect(parseWho('ops      pts/0        2026-11-28 09:00 (10.0.0.5)\nops      pts/1        2026-11-28 09:01 (10.0.0.5)\n')).toBe('ops');
    expect(parseWho('ops      pts/0        2026-11-28 09:00 (10.0.0.5)\ndev      pts/1        2026-11-28 09:01 (10.0.0.6)\n')).toBeUndefined();
    expect(parseWho('')).toBeUndefined();
    expect(parseWho('root     tty1         2026-11-28 08:00\n')).toBeUndefined();
  });

  it('query user: the Active console session, else the only Active one', () => {
    const header = ' USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME';
    const table = [
      header,
      ' bob                                       3  Disc            .  11/28/2026 7:00 AM',
      ' jdoe                  rdp-tcp#0           2  Active          .  11/28/2026 9:00 AM',
      '>administrator         console             1  Active      none   11/28/2026 8:00 AM',
    ].join('\r\n');
    expect(parseQueryUser(table)).toBe('administrator');
    expect(parseQueryUser([header, ' jdoe                  rdp-tcp#0           2  Active          .  11/28/2026 9:00 AM', ' bob                                       3  Disc            .  11/28/2026 7:00 AM'].join('\r\n'))).toBe('jdoe');
    expect(parseQueryUser([header, ' bob                                       3  Disc            .  11/28/2026 7:00 AM'].join('\r\n'))).toBeUndefined();
    expect(parseQueryUser('No User exists for *\r\n')).toBeUndefined();
  });
});
