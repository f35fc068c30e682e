import { beforeEach, describe, expect, it } from 'vitest';
import { actionBody, actionsToOffer } from '../../src/ui/client/actions.js';
import { compareVersions, describeChange, summarizeChanges, verbLabel } from '../../src/ui/client/changes.js';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatDue,
  formatLead,
  formatMinutes,
  formatRelative,
  formatSpan,
  humanizeKey,
  modelLabel,
  osLabel,
  pageRange,
  personName,
  priorityLabel,
  slaLabel,
} from '../../src/ui/client/format.js';
import { componentColumns, componentValue, deviceMacs, matchRuleLabel } from '../../src/ui/client/device-fields.js';
import { setLocale } from '../../src/ui/client/i18n/i18n.js';
import { installCommands } from '../../src/ui/client/install-commands.js';
import { capabilitiesOf } from '../../src/ui/client/roles.js';
import { describeEvent, ruleReasons, type Names } from '../../src/ui/client/timeline.js';
import type { Change, TimelineEntry } from '../../src/ui/client/types.js';

// Module state is shared by the test files of a worker: every file here says which language it reads.
beforeEach(() => setLocale('en', ['en-GB']));

describe('format', () => {
  it('dates in a given locale and zone; no date is a dash', () => {
    expect(formatDateTime('2026-11-28T09:05:00Z', { locale: 'en-GB', timeZone: 'Europe/Paris' })).toBe('28 Nov 2026, 10:05');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('a target past due says by how long, not "due now"', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(formatDue('2026-11-28T09:00:00Z', now)).toBe('overdue by 3 h');
    expect(formatDue('2026-11-26T10:00:00Z', now)).toBe('overdue by 2 d 2 h');
    expect(formatDue('2026-11-28T14:30:00Z', now)).toBe('due in 2 h 30 min');
    expect(formatDue('2026-11-28T12:00:20Z', now)).toBe('due now');
    expect(formatDue(null, now)).toBe('—');
    setLocale('fr', ['fr-FR']);
    expect(formatDue('2026-11-28T09:00:00Z', now)).toBe('en retard de 3 h');
  });

  it('relative times take the largest whole unit', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(formatRelative('2026-11-28T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelative('2026-11-30T12:00:00Z', now, 'en')).toBe('in 2 days');
    expect(formatRelative('2026-11-28T11:59:30Z', now, 'en')).toBe('now');
  });

  it('spans, leads before a ticket, SLA minutes', () => {
    expect(formatSpan(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000)).toBe('3 d 4 h');
    expect(formatSpan(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatSpan(45 * 60_000)).toBe('45 min');
    expect(formatLead('2026-11-28T10:00:00Z', '2026-11-28T12:30:00Z')).toBe('2 h 30 min before');
    expect(formatLead('2026-11-28T12:29:50Z', '2026-11-28T12:30:00Z')).toBe('just before');
    expect(formatLead('2026-11-28T13:30:00Z', '2026-11-28T12:30:00Z')).toBe('1 h after');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(480)).toBe('8 h');
    expect(formatMinutes(12.4)).toBe('12 min');
  });

  it('bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(16 * 2 ** 30)).toBe('16.0 GiB');
    expect(formatBytes(512_110_190_592)).toBe('477 GiB');
    expect(formatBytes(null)).toBe('—');
  });

  it('labels', () => {
    expect(priorityLabel(6)).toBe('Major');
    expect(priorityLabel(1)).toBe('Very low');
    expect(slaLabel('at-risk')).toBe('At risk');
    expect(personName({ username: 'bob', displayName: null })).toBe('bob');
    expect(personName({ username: 'bob', displayName: 'Bob Martin' })).toBe('Bob Martin');
    expect(personName(null)).toBe('the system');
    expect(osLabel({ name: 'Debian GNU/Linux', version: '12' })).toBe('Debian GNU/Linux 12');
    expect(osLabel({ name: null, version: null, platform: null })).toBe('—');
    expect(modelLabel('LENOVO', '20XW004MGE')).toBe('LENOVO 20XW004MGE');
    expect(modelLabel('Dell Inc.', 'Dell Inc. Latitude 5440')).toBe('Dell Inc. Latitude 5440');
    expect(pageRange(25, 25, 120)).toBe('26–50 of 120');
    expect(pageRange(0, 0, 0)).toBe('No results');
    expect(humanizeKey('memoryBytes')).toBe('Memory bytes');
    expect(humanizeKey('bios_version')).toBe('Bios version');
  });
});

describe('device pages', () => {
  it('names how a device was matched in the reader\'s language, an unknown rule as stored', () => {
    expect(matchRuleLabel('serial+uuid')).toBe('serial number and UUID');
    expect(matchRuleLabel('new')).toBe('nothing known (new device)');
    setLocale('fr', ['fr-FR']);
    expect(matchRuleLabel('hostname')).toBe('nom d’hôte');
    expect(matchRuleLabel('some-future-rule')).toBe('some-future-rule');
  });

  it('says an OS version once when the name already carries it', () => {
    expect(osLabel({ name: 'Fedora 31 (Workstation Edition)', version: '31 (Workstation Edition)' })).toBe('Fedora 31 (Workstation Edition)');
    expect(osLabel({ name: 'Debian GNU/Linux', version: '12' })).toBe('Debian GNU/Linux 12');
    expect(osLabel({ platform: 'linux', name: null, version: '6.1' })).toBe('linux 6.1');
  });

  it('writes plain dates and timestamps alike, as dates in the interface language', () => {
    expect(formatDate('2026-11-20', { locale: 'en-GB' })).toBe('20 Nov 2026');
    expect(formatDate('2026-11-20T00:00:00.000Z', { locale: 'en-GB' })).toBe('20 Nov 2026');
    expect(formatDate('2026-11-20T13:45:00.000Z', { locale: 'en-GB', timeZone: 'Europe/Paris' })).toBe('20 Nov 2026');
    expect(formatDate('2026-11-20', { locale: 'fr-FR' })).toBe('20 nov. 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('last Tuesday')).toBe('last Tuesday');
  });

  it('orders every component table\'s columns the same way, naming columns first and serials last', () => {
    expect(componentColumns([{ serial: 'S1', sizeBytes: 1, model: 'M', name: 'nvme0n1', type: 'NVMe' }])).toEqual(['name', 'model', 'type', 'sizeBytes', 'serial']);
    // Whatever order the agent sent the keys in, and leaving out keys no item has a value for.
    expect(componentColumns([{ type: 'wired', mac: 'aa', name: 'eth0', speedMbps: null }, { zeta: 1, name: 'wlan0', ipv4: [] }])).toEqual(['name', 'type', 'mac', 'ipv4', 'zeta']);
    expect(componentColumns([Object.fromEntries('abcdefghij'.split('').map((k) => [k, 1]))])).toHaveLength(8);
  });

  it('translates the agent\'s words and leaves other values as reported', () => {
    expect(componentValue('type', 'wired')).toBe('Wired');
    expect(componentValue('type', 'logged-in')).toBe('Logged in');
    expect(componentValue('chassisType', 'Notebook')).toBe('Laptop');
    expect(componentValue('model', 'wired')).toBe('wired');
    setLocale('fr', ['fr-FR']);
    expect(componentValue('type', 'wired')).toBe('Filaire');
    expect(componentValue('type', 'logged-in')).toBe('Connecté');
    expect(componentValue('type', 'DDR4')).toBe('DDR4');
  });

  it('shows the MAC of every interface, even the one the identity leaves out', () => {
    // A locally administered MAC is not an identity, but it is the machine's only interface.
    expect(deviceMacs([{ name: 'eth0', mac: '02:42:AC:11:00:02' }], [])).toEqual(['02:42:ac:11:00:02']);
    expect(deviceMacs([{ name: 'lo', mac: '00:00:00:00:00:00' }], ['aa:bb:cc:dd:ee:ff'])).toEqual(['aa:bb:cc:dd:ee:ff']);
    expect(deviceMacs(undefined, [])).toEqual([]);
  });
});

describe('device changes', () => {
  const change = (c: Partial<Change>): Change => ({ at: '2026-11-28T09:00:00Z', section: 'software', kind: 'changed', item: 'firefox', old: null, new: null, ...c });

  it('orders versions by numeric runs', () => {
    expect(compareVersions('1.10', '1.9')).toBe(1);
    expect(compareVersions('121.0-1', '120.0.1-1')).toBe(1);
    expect(compareVersions('2.0', '2.0')).toBe(0);
    expect(compareVersions('1.0', '1.0.1')).toBe(-1);
    expect(compareVersions('1:2.0', '1:10.0')).toBe(-1);
  });

  it('says upgraded, downgraded, installed, removed; hardware names its section', () => {
    expect(describeChange(change({ old: '120.0', new: '121.0' }))).toEqual({ verb: 'upgraded', item: 'firefox', detail: '120.0 → 121.0', group: 'software' });
    expect(verbLabel('upgraded')).toBe('Upgraded');
    expect(describeChange(change({ old: '121.0', new: '120.0' })).verb).toBe('downgraded');
    expect(describeChange(change({ kind: 'added', new: '1.2' }))).toMatchObject({ verb: 'installed', detail: '1.2' });
    expect(describeChange(change({ kind: 'removed', old: '1.2' }))).toMatchObject({ verb: 'removed', detail: '1.2' });
    expect(describeChange(change({ section: 'memoryModules', kind: 'added', item: 'ChannelA-DIMM0 8 GiB' }))).toEqual({ verb: 'added', item: 'Memory modules: ChannelA-DIMM0 8 GiB', detail: '', group: 'hardware' });
    // Facts the server names by column read as their field's label, sizes as sizes.
    expect(describeChange(change({ section: 'hardware', item: 'bios_version', old: '1.51', new: '1.60' }))).toEqual({ verb: 'changed', item: 'Hardware: BIOS version', detail: '1.51 → 1.60', group: 'hardware' });
    expect(describeChange(change({ section: 'hardware', item: 'memory_bytes', old: '8589934592', new: '17179869184' })).detail).toBe('8.0 GiB → 16.0 GiB');
    expect(describeChange(change({ section: 'os', item: 'os_version', old: '11', new: '12' })).item).toBe('Operating system: Version');
    expect(summarizeChanges([change({ old: '1', new: '2' }), change({ old: '1', new: '3' }), change({ kind: 'added', new: '1' })])).toBe('2 upgraded, 1 installed');
    expect(summarizeChanges([])).toBe('no changes');
  });

  it('words the server\'s coded entries in the reader\'s language', () => {
    const first = change({ section: 'device', kind: 'added', item: 'first inventory', new: '12 components, 10 software', code: 'first-inventory', params: { components: 12, software: 1 } });
    expect(describeChange(first)).toEqual({ verb: 'added', item: 'First inventory', detail: '12 components, 1 package', group: 'hardware' });
    setLocale('fr', ['fr-FR']);
    expect(describeChange(first)).toMatchObject({ item: 'Premier inventaire', detail: '12 composants, 1 paquet' });
    expect(describeChange(change({ section: 'users', kind: 'added', item: 'alice' })).item).toBe('Utilisateurs : alice');
  });

  it('words state, location and assignment changes in both languages', () => {
    setLocale('en', ['en-GB']);
    const state = change({ section: 'asset', kind: 'changed', item: 'state', code: 'state-changed', params: { from: 'in_stock', to: 'quarantine', toLabel: 'Quarantine' } });
    const place = change({ section: 'asset', kind: 'changed', item: 'location', code: 'location-changed', params: { to: 'Paris / HQ' } });
    const user = change({ section: 'asset', kind: 'changed', item: 'user', code: 'user-assigned', params: { from: 'alice' } });
    expect([state, place, user].map((c) => describeChange(c))).toEqual([
      { verb: 'changed', item: 'State', detail: 'In stock → Quarantine', group: 'hardware' },
      { verb: 'changed', item: 'Location', detail: 'none → Paris / HQ', group: 'hardware' },
      { verb: 'changed', item: 'Assigned user', detail: 'alice → none', group: 'hardware' },
    ]);
    setLocale('fr', ['fr-FR']);
    expect(describeChange(state)).toMatchObject({ item: 'État', detail: 'En stock → Quarantine' });
    expect(describeChange(user)).toMatchObject({ item: 'Utilisateur attribué', detail: 'alice → aucun' });
  });
});

describe('workflow actions', () => {
  it('offers only actions the API takes, in a stable order, and builds their bodies', () => {
    const offered = actionsToOffer(['solve', 'plan', 'auto-close', 'take', 'set-pending']);
    expect(offered.map((a) => a.action)).toEqual(['take', 'set-pending', 'solve']);
    const [take, pending, solve] = offered;
    expect(actionBody(take!, {})).toEqual({ action: 'take' });
    expect(actionBody(pending!, { text: '  ' })).toBeNull();
    expect(actionBody(pending!, { text: ' waiting for a part ' })).toEqual({ action: 'set-pending', reason: 'waiting for a part' });
    expect(actionBody(solve!, { text: 'Rolled back the driver' })).toEqual({ action: 'solve', solution: 'Rolled back the driver' });
    const [assign] = actionsToOffer(['assign']);
    expect(actionBody(assign!, { userIds: [], groupIds: [] })).toBeNull();
    expect(actionBody(assign!, { userIds: [], groupIds: [4] })).toEqual({ action: 'assign', groupIds: [4] });
    const [reopen] = actionsToOffer(['reopen']);
    expect(actionBody(reopen!, {})).toEqual({ action: 'reopen' });
  });

  it('roles: the UI offers what the API allows', () => {
    expect(capabilitiesOf('requester')).toEqual({ workTickets: false, seeDevices: false, editDevices: false, seeGroups: false, administer: false, seeLicences: false, manageLicences: false, approve: false });
    expect(capabilitiesOf('licence-manager')).toMatchObject({ seeLicences: true, manageLicences: true, administer: false });
    expect(capabilitiesOf('technician')).toMatchObject({ seeLicences: true, manageLicences: false });
    expect(capabilitiesOf('licence-manager')).toMatchObject({ workTickets: false, seeDevices: true, editDevices: false });
    expect(capabilitiesOf('technician')).toMatchObject({ workTickets: true, seeDevices: true, editDevices: true, administer: false });
    expect(capabilitiesOf('admin').administer).toBe(true);
  });
});

describe('timeline and install commands', () => {
  const names: Names = { user: (id) => (id === 1 ? 'Alice' : `user #${id}`), group: (id) => (id === 2 ? 'Desk' : `#${id}`), device: (id) => `ws-${id}`, category: (id) => (id === 3 ? 'Hardware > Printers' : id === 2 ? 'Hardware' : `#${id}`) };
  const ev = (kind: string, data: Record<string, unknown> = {}, priv = false): TimelineEntry => ({ id: 1, at: '2026-11-28T09:00:00Z', kind, private: priv, actor: null, body: null, data });

  it('puts events in words with names', () => {
    expect(describeEvent(ev('status', { from: 'new', to: 'assigned' }), names)).toBe('Status: New → Assigned');
    expect(describeEvent(ev('assignment', { added: { userIds: [1], groupIds: [2] } }), names)).toBe('Assigned to Alice, group Desk');
    expect(describeEvent(ev('rule', { rule: 'Laptops', groupId: 2 }), names)).toBe('Rule “Laptops” assigned it to group Desk');
    expect(describeEvent(ev('followup', {}, true), names)).toBe('Private followup');
    expect(describeEvent(ev('link', { action: 'added', deviceId: 5 }), names)).toBe('Linked device ws-5');
    expect(describeEvent(ev('something-new'), names)).toBe('something-new');
  });

  it('says why a rule fired with category names, not ids, for new and old entries alike', () => {
    const coded = ev('rule', { reasons: [{ code: 'subcategory', categoryId: 3, ruleCategoryId: 2 }, { code: 'sublocation', location: 'Paris > A', ruleLocation: 'Paris' }] });
    expect(ruleReasons(coded, names)).toEqual(['the category Hardware > Printers is under Hardware', 'a device is in Paris > A, within Paris']);
    // Written before reasons had codes: the same words, names included.
    expect(ruleReasons(ev('rule', { reasons: ['category 3', 'device location "Lyon"', 'catch-all rule', 'something else'] }), names)).toEqual([
      'the category is Hardware > Printers',
      'a device is in Lyon',
      'the rule applies to every ticket',
      'something else',
    ]);
    setLocale('fr', ['fr-FR']);
    expect(ruleReasons(ev('rule', { reasons: [{ code: 'category', categoryId: 2 }] }), names)).toEqual(['la catégorie est Hardware']);
    expect(ruleReasons(ev('status'), names)).toEqual([]);
  });

  it('builds both one-line installs with the token quoted', () => {
    const [sh, ps] = installCommands('https://parc.example/', 'parc_enroll_abc');
    expect(sh!.command).toBe("curl -fsSL https://parc.example/install.sh | sudo sh -s -- --token 'parc_enroll_abc'");
    expect(ps!.command).toBe("& ([scriptblock]::Create((irm https://parc.example/install.ps1))) -Token 'parc_enroll_abc'");
    expect(installCommands('http://x', "a'b")[0]!.command).toContain(`--token 'a'\\''b'`);
  });
});
