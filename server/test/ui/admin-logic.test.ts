import { beforeEach, describe, expect, it } from 'vitest';
import { calendarDefinition, describeHours, lines, minutesAsHours, moveId, moveTargets, nestCategories, targetsBody, timeZoneOptions } from '../../src/ui/client/admin-logic.js';
import { fieldCandidates } from '../../src/ui/client/field-path.js';
import { setLocale } from '../../src/ui/client/i18n/i18n.js';
import { parseRoute } from '../../src/ui/client/routes.js';
import { addDays, barPercent, dateTickIndexes, defaultPeriod, flowChart, formatAxisDay, formatDay, formatDuration, formatRate, localDate } from '../../src/ui/client/stats-logic.js';
import type { Category } from '../../src/ui/client/types.js';

// Module state is shared by the test files of a worker: this file reads English.
beforeEach(() => setLocale('en', []));

const cat = (id: number, parentId: number | null, path: string, depth: number): Category => ({ id, name: path.split(' > ').at(-1)!, parentId, path, depth });
// Depth-first, as the API lists them.
const CATS = [cat(1, null, 'Hardware', 0), cat(2, 1, 'Hardware > Laptop', 1), cat(3, 2, 'Hardware > Laptop > Battery', 2), cat(4, 1, 'Hardware > Printer', 1), cat(5, null, 'Software', 0)];

describe('admin routes', () => {
  it('parses admin sections and statistics, and refuses unknown sections', () => {
    expect(parseRoute('#/admin/groups')).toMatchObject({ name: 'admin', section: 'groups' });
    expect(parseRoute('#/admin')).toMatchObject({ name: 'admin', section: 'users' });
    expect(parseRoute('#/admin/tokens')).toMatchObject({ name: 'tokens' });
    expect(parseRoute('#/admin/nope')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('#/statistics?from=2026-11-01&to=2026-11-28')).toMatchObject({ name: 'statistics', query: { from: '2026-11-01', to: '2026-11-28' } });
  });
});

describe('fieldCandidates', () => {
  it('lists the most precise control name first', () => {
    expect(fieldCandidates('targets.3.ownMinutes')).toEqual(['targets.3.ownMinutes', 'targets.3', 'targets']);
    expect(fieldCandidates('name')).toEqual(['name']);
    expect(fieldCandidates('')).toEqual([]);
  });
});

describe('category tree', () => {
  it('nests the flat list under parents, orphans as roots', () => {
    const tree = nestCategories([...CATS, cat(9, 42, 'Gone > Orphan', 1)]);
    expect(tree.map((n) => n.category.id)).toEqual([1, 5, 9]);
    expect(tree[0]!.children.map((n) => n.category.id)).toEqual([2, 4]);
    expect(tree[0]!.children[0]!.children.map((n) => n.category.id)).toEqual([3]);
  });
  it('never offers to move a category under itself or a descendant', () => {
    expect(moveTargets(CATS, 2).map((c) => c.id)).toEqual([1, 4, 5]);
    expect(moveTargets(CATS, 1).map((c) => c.id)).toEqual([5]);
    expect(moveTargets(CATS, 3).map((c) => c.id)).toEqual([1, 2, 4, 5]);
  });
});

describe('moveId', () => {
  it('swaps with the neighbour, and refuses to go past either end', () => {
    expect(moveId([10, 20, 30], 20, -1)).toEqual([20, 10, 30]);
    expect(moveId([10, 20, 30], 20, 1)).toEqual([10, 30, 20]);
    expect(moveId([10, 20, 30], 10, -1)).toBeNull();
    expect(moveId([10, 20, 30], 30, 1)).toBeNull();
    expect(moveId([10, 20, 30], 99, 1)).toBeNull();
  });
});

describe('calendar editor', () => {
  it('groups ranges by day, skips empty rows, keeps half-filled ones for the API to name', () => {
    const def = calendarDefinition(
      'Europe/Paris',
      [
        { day: 'mon', start: '09:00', end: '12:00' },
        { day: 'mon', start: ' 13:00', end: '17:00 ' },
        { day: 'tue', start: '', end: '' },
        { day: 'wed', start: '08:00', end: '' },
      ],
      [{ date: '2026-12-25', recurring: true, name: ' Christmas ' }, { date: '', recurring: false }, { date: '2026-05-14', recurring: false, name: '' }],
    );
    expect(def).toEqual({
      timeZone: 'Europe/Paris',
      hours: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }], wed: [{ start: '08:00', end: '' }] },
      holidays: [{ date: '2026-12-25', recurring: true, name: 'Christmas' }, { date: '2026-05-14', recurring: false }],
    });
    expect(describeHours(def)).toBe('Mon 09:00–12:00, 13:00–17:00; Wed 08:00–');
    expect(describeHours({ timeZone: 'UTC', hours: {}, holidays: [] })).toBe('No working hours');
  });
  it('offers every supported zone plus UTC and the current one, sorted', () => {
    expect(timeZoneOptions(['Europe/Paris', 'America/New_York'], 'Asia/Calcutta')).toEqual(['America/New_York', 'Asia/Calcutta', 'Europe/Paris', 'UTC']);
    expect(timeZoneOptions(['UTC'], '')).toEqual(['UTC']);
  });
});

describe('SLA targets', () => {
  it('leaves out empty priorities and sends half-filled ones as typed', () => {
    expect(
      targetsBody([
        { priority: 5, own: '30', resolve: '240' },
        { priority: 3, own: '', resolve: '' },
        { priority: 2, own: '', resolve: '600' },
      ]),
    ).toEqual({ 5: { ownMinutes: 30, resolveMinutes: 240 }, 2: { resolveMinutes: 600 } });
  });
  it('reads minutes back as hours', () => {
    expect(minutesAsHours('150')).toBe('= 2 h 30 min');
    expect(minutesAsHours('45')).toBe('= 45 min');
    expect(minutesAsHours('')).toBe('');
    expect(minutesAsHours('1.5')).toBe('');
  });
  it('splits CIDR lists on lines and commas', () => {
    expect(lines('10.0.0.0/8\n\n 192.168.1.0/24 ,10.0.0.0/8')).toEqual(['10.0.0.0/8', '192.168.1.0/24']);
  });
});

describe('statistics helpers', () => {
  it('defaults to the last 30 local days in the given zone', () => {
    // 23:30 UTC on Nov 28 is already Nov 29 in Paris.
    const now = new Date('2026-11-28T23:30:00Z');
    expect(localDate(now, 'Europe/Paris')).toBe('2026-11-29');
    expect(defaultPeriod(now, 'Europe/Paris')).toEqual({ from: '2026-10-31', to: '2026-11-29' });
    expect(defaultPeriod(now, 'America/New_York')).toEqual({ from: '2026-10-30', to: '2026-11-28' });
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
  it('scales bars to the largest count', () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(1, 3)).toBe(33.3);
    expect(barPercent(0, 0)).toBe(0);
    expect(barPercent(12, 10)).toBe(100);
  });
  it('formats rates and durations, with a dash for nothing measured', () => {
    expect(formatRate(0.875)).toBe('88%');
    expect(formatDay('2026-11-28')).toBe('Nov 28, 2026');
    setLocale('fr', ['fr-FR']);
    expect(formatRate(0.875)).toMatch(/^88\s%$/);
    expect(formatDay('2026-11-28')).toBe('28 nov. 2026');
    setLocale('en', []);
    expect(formatRate(null)).toBe('—');
    expect(formatDuration(125.4)).toBe('2 h 5 min');
    expect(formatDuration(null)).toBe('—');
  });
  it('plots each series across the width, scaled to the largest value', () => {
    const c = flowChart(
      [
        { date: '2026-11-01', opened: 2, closed: 0, backlog: 4 },
        { date: '2026-11-02', opened: 0, closed: 4, backlog: 0 },
      ],
      100,
      50,
      0,
    );
    expect(c.max).toBe(4);
    expect(c.opened).toBe('0,25 100,50');
    expect(c.closed).toBe('0,50 100,0');
    expect(c.backlog).toBe('0,0 100,50');
    expect(flowChart([{ date: '2026-11-01', opened: 0, closed: 0, backlog: 0 }], 100, 50, 0).opened).toBe('50,50');
  });
  it('labels a date axis: the first and last day always, at most the asked number, evenly spread', () => {
    expect(dateTickIndexes(0, 6)).toEqual([]);
    expect(dateTickIndexes(3, 6)).toEqual([0, 1, 2]);
    expect(dateTickIndexes(30, 6)).toEqual([0, 6, 12, 17, 23, 29]);
    const days = Array.from({ length: 30 }, (_, i) => ({ date: addDays('2026-11-01', i), opened: i % 3, closed: 1, backlog: 8 }));
    const c = flowChart(days, 720, 220, 4, { left: 40, bottom: 40, maxDateTicks: 7 });
    expect(c.xTicks.map((x) => x.date)).toEqual(['2026-11-01', '2026-11-06', '2026-11-11', '2026-11-16', '2026-11-20', '2026-11-25', '2026-11-30']);
    expect(c.xTicks[0]!.x).toBe(44);
    expect(c.xTicks.at(-1)!.x).toBe(716);
    // The count axis sits above the date labels, inside the frame.
    expect(c.yTicks).toEqual([
      { y: 176, value: 0 },
      { y: 90, value: 4 },
      { y: 4, value: 8 },
    ]);
    expect(c.plot).toEqual({ left: 40, right: 720, top: 0, bottom: 180 });
    setLocale('fr', ['fr-FR']);
    expect(formatAxisDay('2026-11-28')).toBe('28 nov.');
    setLocale('en', ['en-GB']);
    expect(formatAxisDay('2026-11-28')).toBe('28 Nov');
  });
});
