import { describe, expect, it } from 'vitest';
import { alwaysOpenCalendar, type BusinessCalendar } from '../../../src/helpdesk/sla/business-calendar.js';
import { businessCalendarSchema } from '../../../src/helpdesk/sla/calendar-config.js';
import {
  achievedTimes,
  evaluateSlaTarget,
  findSlaRule,
  slaClockFromHistory,
  slaDueAt,
  slaElapsedMinutes,
  slaPolicySchema,
  slaState,
  ticketSla,
  type PausedInterval,
  type SlaClock,
  type SlaRule,
} from '../../../src/helpdesk/sla/sla.js';

const z = (iso: string): Date => new Date(iso);
const officeHours = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const CALENDAR_CONFIG = {
  timeZone: 'Europe/Paris',
  hours: { mon: officeHours, tue: officeHours, wed: officeHours, thu: officeHours, fri: officeHours },
  holidays: [{ date: '2026-05-01', recurring: true }],
};
const paris: BusinessCalendar = businessCalendarSchema.parse(CALENDAR_CONFIG);

/** Paris local wall time in March 2026 before the DST change (UTC+1) → instant. */
const cet = (local: string): Date => new Date(new Date(`${local}:00Z`).getTime() - 3_600_000);

const clock = (paused: PausedInterval[] = [], now = z('2030-01-01T00:00:00Z'), calendar = paris): SlaClock => ({ calendar, paused, now });

describe('slaDueAt', () => {
  it('overnight: 16:30 + 2 business hours → 09:30 next day', () => {
    expect(slaDueAt(cet('2026-03-03T16:30'), 120, clock())).toEqual(cet('2026-03-04T09:30'));
  });

  it('without pauses it equals addBusinessMinutes', () => {
    expect(slaDueAt(cet('2026-03-06T10:00'), 480, clock())).toEqual(cet('2026-03-09T10:00'));
  });

  it('pending across a weekend moves the due date by the pending business time', () => {
    // Fri 10:00, 1 business day. 180 min run before the pause (10–12, 13–14); Fri 14:00 → Mon 11:00 pending;
    // 300 left from Mon 11:00: 11–12 and 13–17 → Mon 17:00.
    const paused = [{ start: cet('2026-03-06T14:00'), end: cet('2026-03-09T11:00') }];
    expect(slaDueAt(cet('2026-03-06T10:00'), 480, clock(paused))).toEqual(cet('2026-03-09T17:00'));
  });

  it('a pause wholly outside business hours changes nothing', () => {
    const paused = [
      { start: cet('2026-03-06T18:00'), end: cet('2026-03-09T07:00') }, // Fri evening → Mon before opening
      { start: cet('2026-03-09T12:10'), end: cet('2026-03-09T12:50') }, // lunch
    ];
    expect(slaDueAt(cet('2026-03-06T10:00'), 480, clock(paused))).toEqual(cet('2026-03-09T10:00'));
  });

  it('a pause starting and ending outside hours counts only the business time it covers', () => {
    // Fri 17:30 → Mon 09:00: covers Mon 08:00–09:00 only.
    const paused = [{ start: cet('2026-03-06T17:30'), end: cet('2026-03-09T09:00') }];
    expect(slaDueAt(cet('2026-03-06T10:00'), 480, clock(paused))).toEqual(cet('2026-03-09T11:00'));
  });

  it('an open pause ends at now: the due date keeps moving while pending', () => {
    const paused = [{ start: cet('2026-03-09T11:00'), end: null }];
    // Created Mon 08:00, budget 8 h. Pending since 11:00; now 15:00 → 3 business hours paused (11–12, 13–15).
    expect(slaDueAt(cet('2026-03-09T08:00'), 480, clock(paused, cet('2026-03-09T15:00')))).toEqual(cet('2026-03-10T11:00'));
    expect(slaDueAt(cet('2026-03-09T08:00'), 480, clock(paused, cet('2026-03-09T16:00')))).toEqual(cet('2026-03-10T12:00'));
  });

  it('a pause that begins after the budget ran out does not move the due date', () => {
    const paused = [{ start: cet('2026-03-04T10:00'), end: cet('2026-03-05T10:00') }];
    expect(slaDueAt(cet('2026-03-03T16:30'), 120, clock(paused))).toEqual(cet('2026-03-04T09:30'));
  });

  it('overlapping and unsorted pauses are merged, not counted twice', () => {
    const paused = [
      { start: cet('2026-03-09T10:00'), end: cet('2026-03-09T11:00') },
      { start: cet('2026-03-09T09:00'), end: cet('2026-03-09T10:30') },
    ];
    expect(slaDueAt(cet('2026-03-09T08:00'), 240, clock(paused))).toEqual(cet('2026-03-09T15:00'));
  });

  it('a pause that started before creation only counts from creation', () => {
    const paused = [{ start: cet('2026-03-09T07:00'), end: cet('2026-03-09T09:00') }];
    expect(slaDueAt(cet('2026-03-09T08:30'), 60, clock(paused))).toEqual(cet('2026-03-09T10:00'));
  });

  it('to the minute and second', () => {
    const paused = [{ start: cet('2026-03-09T09:13'), end: new Date(cet('2026-03-09T09:14').getTime() + 30_000) }];
    expect(slaDueAt(new Date(cet('2026-03-09T09:00').getTime() + 15_000), 17, clock(paused))).toEqual(
      new Date(cet('2026-03-09T09:18').getTime() + 45_000),
    );
  });

  it('24/7 calendar: straight elapsed time, minus pauses, across the Paris spring change', () => {
    const cal = alwaysOpenCalendar('Europe/Paris');
    // 00:00 CET on 29 March = 23:00Z on the 28th; 4 real hours later = 03:00Z = 05:00 CEST.
    expect(slaDueAt(z('2026-03-28T23:00:00Z'), 240, clock([], undefined, cal))).toEqual(z('2026-03-29T03:00:00Z'));
    const paused = [{ start: z('2026-03-29T00:00:00Z'), end: z('2026-03-29T01:30:00Z') }];
    expect(slaDueAt(z('2026-03-28T23:00:00Z'), 240, clock(paused, undefined, cal))).toEqual(z('2026-03-29T04:30:00Z'));
  });

  it('New York office across the autumn change, pending over the weekend', () => {
    const ny = businessCalendarSchema.parse({ ...CALENDAR_CONFIG, timeZone: 'America/New_York' });
    // Fri 30 Oct 2026 15:00 EDT (19:00Z), 4 h budget; pending Fri 16:00 EDT → Mon 2 Nov 10:00 EST (15:00Z).
    // 60 min before the pause; 180 left from Mon 10:00: 10–12, 13–14 → Mon 14:00 EST = 19:00Z.
    const paused = [{ start: z('2026-10-30T20:00:00Z'), end: z('2026-11-02T15:00:00Z') }];
    expect(slaDueAt(z('2026-10-30T19:00:00Z'), 240, clock(paused, undefined, ny))).toEqual(z('2026-11-02T19:00:00Z'));
  });

  it('budget 0 is due at creation; negative budgets and inverted pauses are refused', () => {
    expect(slaDueAt(cet('2026-03-07T10:00'), 0, clock())).toEqual(cet('2026-03-07T10:00'));
    expect(() => slaDueAt(cet('2026-03-07T10:00'), -5, clock())).toThrow(RangeError);
    expect(() => slaDueAt(cet('2026-03-07T10:00'), 5, clock([{ start: cet('2026-03-07T10:00'), end: cet('2026-03-07T09:00') }]))).toThrow(/ends before/);
    expect(() => slaDueAt(cet('2026-03-07T10:00'), 5, clock([{ start: new Date('x'), end: null }]))).toThrow(/invalid/);
  });
});

describe('slaElapsedMinutes', () => {
  it('excludes pauses and non-business time', () => {
    const paused = [{ start: cet('2026-03-06T14:00'), end: cet('2026-03-09T11:00') }];
    expect(slaElapsedMinutes(cet('2026-03-06T10:00'), cet('2026-03-09T17:00'), clock(paused))).toBe(480);
    expect(slaElapsedMinutes(cet('2026-03-06T10:00'), cet('2026-03-09T17:00'), clock())).toBe(360 + 480); // Fri 10–12, 13–17; Mon 08–12, 13–17
  });
  it('is 0 for an empty or inverted range', () => {
    expect(slaElapsedMinutes(cet('2026-03-06T10:00'), cet('2026-03-06T10:00'), clock())).toBe(0);
    expect(slaElapsedMinutes(cet('2026-03-06T11:00'), cet('2026-03-06T10:00'), clock())).toBe(0);
  });
  it('is consistent with slaDueAt for many budgets', () => {
    const paused = [
      { start: cet('2026-03-03T09:10'), end: cet('2026-03-03T15:20') },
      { start: cet('2026-03-05T16:00'), end: cet('2026-03-09T08:30') },
    ];
    const start = cet('2026-03-02T16:45');
    for (let m = 5; m < 3000; m += 97) {
      const due = slaDueAt(start, m, clock(paused));
      expect(slaElapsedMinutes(start, due, clock(paused))).toBe(m);
    }
  });
});

describe('slaState', () => {
  const due = cet('2026-03-09T09:00');
  it.each([
    [47, cet('2026-03-09T08:47'), 'on-track'],
    [48, cet('2026-03-09T08:48'), 'at-risk'],
    [60, due, 'at-risk'], // exactly at the due instant: not yet breached
    [60, new Date(due.getTime() + 1), 'breached'],
    [60, cet('2026-03-09T18:00'), 'breached'], // after the due date, even outside business hours
  ] as const)('%i of 60 minutes at %s → %s', (used, at, expected) => {
    expect(slaState({ at, dueAt: due, usedMinutes: used, budgetMinutes: 60, atRiskRatio: 0.8 })).toBe(expected);
  });
  it('honours the configured ratio', () => {
    expect(slaState({ at: cet('2026-03-09T08:30'), dueAt: due, usedMinutes: 30, budgetMinutes: 60, atRiskRatio: 0.5 })).toBe('at-risk');
    expect(slaState({ at: cet('2026-03-09T08:30'), dueAt: due, usedMinutes: 30, budgetMinutes: 60, atRiskRatio: 0.51 })).toBe('on-track');
  });
});

describe('evaluateSlaTarget', () => {
  const start = cet('2026-03-09T08:00');
  it('running, on track, then at risk, then breached as time passes', () => {
    const at = (now: string) => evaluateSlaTarget({ start, budgetMinutes: 60, achievedAt: null, atRiskRatio: 0.8, clock: clock([], cet(now)) });
    expect(at('2026-03-09T08:30')).toMatchObject({ state: 'on-track', outcome: 'running', usedMinutes: 30, dueAt: cet('2026-03-09T09:00') });
    expect(at('2026-03-09T08:50')).toMatchObject({ state: 'at-risk', outcome: 'running' });
    expect(at('2026-03-09T09:01')).toMatchObject({ state: 'breached', outcome: 'breached', usedMinutes: 61 });
  });
  it('achieved in time: met, frozen at the achievement', () => {
    const r = evaluateSlaTarget({ start, budgetMinutes: 60, achievedAt: cet('2026-03-09T08:20'), atRiskRatio: 0.8, clock: clock([], cet('2026-03-20T08:00')) });
    expect(r).toMatchObject({ state: 'on-track', outcome: 'met', usedMinutes: 20 });
    const exactly = evaluateSlaTarget({ start, budgetMinutes: 60, achievedAt: cet('2026-03-09T09:00'), atRiskRatio: 0.8, clock: clock() });
    expect(exactly).toMatchObject({ state: 'at-risk', outcome: 'met' });
  });
  it('achieved late: breached', () => {
    const r = evaluateSlaTarget({ start, budgetMinutes: 60, achievedAt: cet('2026-03-09T09:30'), atRiskRatio: 0.8, clock: clock() });
    expect(r).toMatchObject({ state: 'breached', outcome: 'breached', usedMinutes: 90 });
  });
  it('pending while running keeps it on track', () => {
    const paused = [{ start: cet('2026-03-09T08:10'), end: null }];
    const r = evaluateSlaTarget({ start, budgetMinutes: 60, achievedAt: null, atRiskRatio: 0.8, clock: clock(paused, cet('2026-03-10T16:00')) });
    expect(r).toMatchObject({ state: 'on-track', outcome: 'running', usedMinutes: 10, dueAt: cet('2026-03-10T16:50') });
  });
});

describe('slaClockFromHistory', () => {
  it('pending and solved periods are pauses; the last solve is the resolution', () => {
    const h = slaClockFromHistory([
      { at: cet('2026-03-06T09:17'), status: 'new' },
      { at: cet('2026-03-06T09:42'), status: 'assigned' },
      { at: cet('2026-03-06T15:03'), status: 'pending' },
      { at: cet('2026-03-09T10:11'), status: 'assigned' },
      { at: cet('2026-03-09T11:20'), status: 'solved' },
      { at: cet('2026-03-09T14:00'), status: 'assigned' },
      { at: cet('2026-03-09T16:45'), status: 'solved' },
      { at: cet('2026-03-10T09:00'), status: 'closed' },
    ]);
    expect(h.paused).toEqual([
      { start: cet('2026-03-06T15:03'), end: cet('2026-03-09T10:11') },
      { start: cet('2026-03-09T11:20'), end: cet('2026-03-09T14:00') },
      { start: cet('2026-03-09T16:45'), end: null },
    ]);
    expect(h.resolvedAt).toEqual(cet('2026-03-09T16:45'));
  });
  it('pending straight into solved is one pause', () => {
    const h = slaClockFromHistory([
      { at: cet('2026-03-06T09:00'), status: 'new' },
      { at: cet('2026-03-06T10:00'), status: 'pending' },
      { at: cet('2026-03-06T11:00'), status: 'solved' },
    ]);
    expect(h.paused).toEqual([{ start: cet('2026-03-06T10:00'), end: null }]);
    expect(h.resolvedAt).toEqual(cet('2026-03-06T11:00'));
  });
  it('a reopened ticket is not resolved', () => {
    const h = slaClockFromHistory([
      { at: cet('2026-03-06T09:00'), status: 'new' },
      { at: cet('2026-03-06T11:00'), status: 'solved' },
      { at: cet('2026-03-07T11:00'), status: 'closed' },
      { at: cet('2026-03-09T09:00'), status: 'assigned' },
    ]);
    expect(h.resolvedAt).toBeNull();
    expect(h.paused).toEqual([{ start: cet('2026-03-06T11:00'), end: cet('2026-03-09T09:00') }]);
  });
  it('empty history', () => {
    expect(slaClockFromHistory([])).toEqual({ paused: [], resolvedAt: null });
  });
});

describe('the issue scenario, to the minute', () => {
  // Created Fri 09:17, taken 09:42, pending Fri 15:03 → Mon 10:11 (over the weekend), solved Mon 11:20,
  // refused 14:00, solved 16:45, accepted Tue 09:00. Rule: P3 own 30 min, resolve 8 h.
  const history = slaClockFromHistory([
    { at: cet('2026-03-06T09:17'), status: 'new' },
    { at: cet('2026-03-06T09:42'), status: 'assigned' },
    { at: cet('2026-03-06T15:03'), status: 'pending' },
    { at: cet('2026-03-09T10:11'), status: 'assigned' },
    { at: cet('2026-03-09T11:20'), status: 'solved' },
    { at: cet('2026-03-09T14:00'), status: 'assigned' },
    { at: cet('2026-03-09T16:45'), status: 'solved' },
    { at: cet('2026-03-10T09:00'), status: 'closed' },
  ]);
  const ticket = { createdAt: cet('2026-03-06T09:17'), ownedAt: cet('2026-03-06T09:42'), resolvedAt: history.resolvedAt, paused: history.paused, now: cet('2026-03-10T09:00') };
  const rule: SlaRule = { priority: 3, categoryId: null, timeToOwnMinutes: 30, timeToResolveMinutes: 480 };

  it('achieved times', () => {
    // Resolve: Fri 09:17–12:00 (163) + 13:00–15:03 (123) + Mon 10:11–11:20 (69) + 14:00–16:45 (165) = 520.
    expect(achievedTimes(ticket, paris)).toEqual({ timeToOwnMinutes: 25, timeToResolveMinutes: 520 });
  });

  it('due dates and outcomes', () => {
    const sla = ticketSla(ticket, rule, { calendar: paris, atRiskRatio: 0.8 });
    expect(sla.timeToOwn).toMatchObject({ dueAt: cet('2026-03-06T09:47'), outcome: 'met', usedMinutes: 25, state: 'at-risk' });
    // 480 − 286 (Fri) = 194 left from Mon 10:11: 10:11–11:20 (69), paused until 14:00, then 125 → 16:05.
    expect(sla.timeToResolve).toMatchObject({ dueAt: cet('2026-03-09T16:05'), outcome: 'breached', usedMinutes: 520, state: 'breached' });
  });

  it('a rule without a target gives null for it', () => {
    const sla = ticketSla(ticket, { ...rule, timeToOwnMinutes: null }, { calendar: paris, atRiskRatio: 0.8 });
    expect(sla.timeToOwn).toBeNull();
    expect(sla.timeToResolve).not.toBeNull();
  });

  it('not yet owned or resolved: null achieved times', () => {
    expect(achievedTimes({ ...ticket, ownedAt: null, resolvedAt: null }, paris)).toEqual({ timeToOwnMinutes: null, timeToResolveMinutes: null });
  });
});

describe('findSlaRule', () => {
  const rules: SlaRule[] = [
    { priority: 3, categoryId: null, timeToOwnMinutes: 60, timeToResolveMinutes: 960 },
    { priority: 3, categoryId: 1, timeToOwnMinutes: 30, timeToResolveMinutes: 480 },
    { priority: 3, categoryId: 2, timeToOwnMinutes: 15, timeToResolveMinutes: 240 },
    { priority: 5, categoryId: 1, timeToOwnMinutes: 5, timeToResolveMinutes: 60 },
  ];
  it('prefers the nearest category of the path', () => {
    expect(findSlaRule(rules, 3, [5, 2, 1])).toBe(rules[2]);
    expect(findSlaRule(rules, 3, [7, 1])).toBe(rules[1]);
  });
  it('falls back to the category-less rule, then to none', () => {
    expect(findSlaRule(rules, 3, [9])).toBe(rules[0]);
    expect(findSlaRule(rules, 3, [])).toBe(rules[0]);
    expect(findSlaRule(rules, 5, [9])).toBeNull();
    expect(findSlaRule(rules, 6, [1])).toBeNull();
  });
});

describe('slaPolicySchema', () => {
  it('parses a policy with defaults', () => {
    const p = slaPolicySchema.parse({ calendar: CALENDAR_CONFIG, rules: [{ priority: 4, timeToResolveMinutes: 240 }] });
    expect(p.atRiskRatio).toBe(0.8);
    expect(p.rules).toEqual([{ priority: 4, categoryId: null, timeToOwnMinutes: null, timeToResolveMinutes: 240 }]);
    expect(p.calendar.hours.mon).toEqual([{ start: 480, end: 720 }, { start: 780, end: 1020 }]);
  });
  it.each([
    [{ rules: [{ priority: 4 }] }, 'rules.0.timeToOwnMinutes', 'time to own or a time to resolve'],
    [{ rules: [{ priority: 4, timeToOwnMinutes: 60, timeToResolveMinutes: 30 }] }, 'rules.0.timeToResolveMinutes', 'shorter'],
    [{ rules: [{ priority: 7, timeToOwnMinutes: 60 }] }, 'rules.0.priority', ''],
    [{ rules: [{ priority: 4, timeToOwnMinutes: 0 }] }, 'rules.0.timeToOwnMinutes', ''],
    [{ rules: [{ priority: 4, timeToOwnMinutes: 1.5 }] }, 'rules.0.timeToOwnMinutes', ''],
    [{ atRiskRatio: 0, rules: [] }, 'atRiskRatio', ''],
    [{ atRiskRatio: 1.2, rules: [] }, 'atRiskRatio', ''],
    [{ rules: [{ priority: 4, timeToOwnMinutes: 60 }, { priority: 4, timeToOwnMinutes: 30 }] }, 'rules.1', 'duplicates rules[0]'],
    [{ rules: [{ priority: 4, categoryId: 3, timeToOwnMinutes: 60 }, { priority: 4, categoryId: 3, timeToOwnMinutes: 30 }] }, 'rules.1', 'category 3'],
  ])('rejects %j at %s', (extra, path, text) => {
    const r = slaPolicySchema.safeParse({ calendar: CALENDAR_CONFIG, ...extra });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]!.path.join('.')).toBe(path);
      expect(r.error.issues[0]!.message).toContain(text);
    }
  });
  it('accepts the same priority for different categories', () => {
    expect(slaPolicySchema.safeParse({ calendar: CALENDAR_CONFIG, rules: [{ priority: 4, timeToOwnMinutes: 60 }, { priority: 4, categoryId: 2, timeToOwnMinutes: 30 }] }).success).toBe(true);
  });
});
