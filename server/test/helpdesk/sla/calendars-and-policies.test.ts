import { beforeEach, describe, expect, it } from 'vitest';
import { businessCalendarSchema, calendarToConfig } from '../../../src/helpdesk/sla/calendar-config.js';
import { choosePolicy } from '../../../src/helpdesk/sla/policy-choice.js';
import { findSlaPolicy } from '../../../src/helpdesk/sla/sla-policies.service.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { call, roles, userId, type ErrorBody } from '../admin-helpers.js';

const office = {
  timeZone: 'Europe/Paris',
  hours: { mon: [{ start: '14:00', end: '18:00' }, { start: '08:00', end: '12:00' }], tue: [{ start: '08:00', end: '18:00' }], fri: [{ start: '08:00', end: '24:00' }] },
  holidays: [{ date: '2026-12-25', recurring: true, name: 'Christmas' }, { date: '2026-05-14' }],
};
const targets = { 1: { ownMinutes: 480, resolveMinutes: 4800 }, 3: { ownMinutes: 60, resolveMinutes: 480 }, 6: { ownMinutes: 15, resolveMinutes: 120 } };

describe('pure helpers', () => {
  it('choosePolicy prefers the nearest category, then no category, then the lowest id', () => {
    const p = (id: number, categoryId: number | null) => ({ id, categoryId });
    const policies = [p(5, null), p(4, 30), p(3, 10), p(2, 20), p(1, null), p(6, 10)];
    expect(choosePolicy(policies, [10, 20, 30])?.id).toBe(3);
    expect(choosePolicy(policies, [20, 30])?.id).toBe(2);
    expect(choosePolicy(policies, [99])?.id).toBe(1);
    expect(choosePolicy(policies, [])?.id).toBe(1);
    expect(choosePolicy([p(4, 30)], [])).toBeNull();
    expect(choosePolicy([...policies].reverse(), [10, 20, 30])?.id).toBe(3);
  });

  it('calendarToConfig writes a form that parses back to the same calendar', () => {
    const parsed = businessCalendarSchema.parse(office);
    const config = calendarToConfig(parsed);
    expect(config.hours.mon).toEqual([{ start: '08:00', end: '12:00' }, { start: '14:00', end: '18:00' }]);
    expect(config.hours.sun).toEqual([]);
    expect(config.hours.fri).toEqual([{ start: '08:00', end: '24:00' }]);
    expect(config.holidays).toEqual([{ date: '2026-12-25', recurring: true, name: 'Christmas' }, { date: '2026-05-14', recurring: false }]);
    expect(businessCalendarSchema.parse(config)).toEqual(parsed);
  });
});

let t: TestContext;
let h: Awaited<ReturnType<typeof roles>>;
beforeEach(async () => {
  t = await setupTestApp();
  h = await roles(t);
});

type Calendar = { id: number; name: string; definition: typeof office };
type Policy = { id: number; name: string; calendarId: number; categoryId: number | null; targets: Record<string, { ownMinutes: number; resolveMinutes: number }>; atRiskRatio: number };
const newCalendar = (name = 'Office') => call<Calendar>(t, 'POST', '/api/v1/calendars', { name, definition: office }, h.admin, 201);
const newPolicy = (body: Record<string, unknown>) => call<Policy>(t, 'POST', '/api/v1/sla-policies', body, h.admin, 201);
const newCategory = (name: string, parentId: number | null = null) =>
  call<{ id: number }>(t, 'POST', '/api/v1/ticket-categories', { name, parentId }, h.admin, 201).then((c) => c.id);

describe('calendars API', () => {
  it('creates, reads, lists, updates and deletes; stores the normalised definition', async () => {
    const cal = await newCalendar();
    expect(cal.definition.hours.mon).toEqual([{ start: '08:00', end: '12:00' }, { start: '14:00', end: '18:00' }]);
    expect(cal.definition.timeZone).toBe('Europe/Paris');
    expect(await call(t, 'GET', `/api/v1/calendars/${cal.id}`, undefined, h.tech, 200)).toEqual(cal);
    await newCalendar('24/7 support');
    expect((await call<{ items: Calendar[] }>(t, 'GET', '/api/v1/calendars', undefined, h.lm, 200)).items.map((c) => c.name)).toEqual(['24/7 support', 'Office']);
    const patched = await call<Calendar>(t, 'PATCH', `/api/v1/calendars/${cal.id}`, { definition: { ...office, timeZone: 'America/New_York', holidays: [] } }, h.admin, 200);
    expect(patched).toMatchObject({ name: 'Office', definition: { timeZone: 'America/New_York', holidays: [] } });
    await call(t, 'DELETE', `/api/v1/calendars/${cal.id}`, undefined, h.admin, 204);
    await call(t, 'GET', `/api/v1/calendars/${cal.id}`, undefined, h.admin, 404);
  });

  it('validates the definition, naming the field, and stores nothing', async () => {
    const bad = async (definition: unknown, field: string) => {
      const e = await call<ErrorBody>(t, 'POST', '/api/v1/calendars', { name: 'X', definition }, h.admin, 400);
      expect(e.error.field).toBe(field);
    };
    await bad({ ...office, timeZone: 'Mars/Olympus' }, 'definition.timeZone');
    await bad({ ...office, hours: { mon: [{ start: '18:00', end: '08:00' }] } }, 'definition.hours.mon.0.end');
    await bad({ ...office, hours: { mon: [{ start: '8h', end: '12:00' }] } }, 'definition.hours.mon.0.start');
    await bad({ ...office, hours: { mon: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } }, 'definition.hours.mon.1.start');
    await bad({ ...office, hours: { monday: [] } }, 'definition.hours');
    await bad({ ...office, hours: {} }, 'definition.hours');
    await bad({ ...office, holidays: [{ date: '2026-02-30' }] }, 'definition.holidays.0.date');
    const e = await call<ErrorBody>(t, 'POST', '/api/v1/calendars', { definition: office }, h.admin, 400);
    expect(e.error.field).toBe('name');
    expect(await t.db.selectFrom('calendars').select('id').execute()).toEqual([]);
  });

  it('refuses a duplicate name (409) and deleting a calendar a policy uses (409)', async () => {
    const cal = await newCalendar();
    expect((await call<ErrorBody>(t, 'POST', '/api/v1/calendars', { name: 'office', definition: office }, h.admin, 409)).error.field).toBe('name');
    const other = await newCalendar('Other');
    await call(t, 'PATCH', `/api/v1/calendars/${other.id}`, { name: 'OFFICE' }, h.admin, 409);
    await newPolicy({ name: 'Standard', calendarId: cal.id, targets });
    const e = await call<ErrorBody>(t, 'DELETE', `/api/v1/calendars/${cal.id}`, undefined, h.admin, 409);
    expect(e.error.message).toContain('"Standard"');
  });

  it('answers 404 for unknown ids and 403 to non-admin writers', async () => {
    const cal = await newCalendar();
    await call(t, 'PATCH', '/api/v1/calendars/999', { name: 'x' }, h.admin, 404);
    await call(t, 'DELETE', '/api/v1/calendars/999', undefined, h.admin, 404);
    for (const who of [h.tech, h.lm, h.requester]) {
      await call(t, 'POST', '/api/v1/calendars', { name: 'Y', definition: office }, who, 403);
      await call(t, 'PATCH', `/api/v1/calendars/${cal.id}`, { name: 'Y' }, who, 403);
      await call(t, 'DELETE', `/api/v1/calendars/${cal.id}`, undefined, who, 403);
    }
    await call(t, 'GET', '/api/v1/calendars', undefined, h.requester, 403);
  });
});

describe('SLA policies API', () => {
  it('creates, reads, lists, updates and deletes', async () => {
    const cal = await newCalendar();
    const hw = await newCategory('Hardware');
    const p = await newPolicy({ name: 'Standard', calendarId: cal.id, targets });
    expect(p).toMatchObject({ name: 'Standard', calendarId: cal.id, categoryId: null, targets: { 1: targets[1], 3: targets[3], 6: targets[6] }, atRiskRatio: 0.8 });
    expect(Object.keys(p.targets).sort()).toEqual(['1', '3', '6']);
    const q = await newPolicy({ name: 'Hardware', calendarId: cal.id, categoryId: hw, targets: { 5: { ownMinutes: 30, resolveMinutes: 30 } }, atRiskRatio: 0.75 });
    expect(q).toMatchObject({ categoryId: hw, atRiskRatio: 0.75 });
    expect((await call<{ items: Policy[] }>(t, 'GET', '/api/v1/sla-policies', undefined, h.tech, 200)).items.map((x) => x.name)).toEqual(['Hardware', 'Standard']);
    const patched = await call<Policy>(t, 'PATCH', `/api/v1/sla-policies/${q.id}`, { categoryId: null, atRiskRatio: 0.9, targets: { 2: { ownMinutes: 10, resolveMinutes: 20 } } }, h.admin, 200);
    expect(patched).toMatchObject({ categoryId: null, atRiskRatio: 0.9, targets: { 2: { ownMinutes: 10, resolveMinutes: 20 } } });
    expect(Object.keys(patched.targets)).toEqual(['2']);
    expect(await call(t, 'GET', `/api/v1/sla-policies/${q.id}`, undefined, h.lm, 200)).toEqual(patched);
    await call(t, 'DELETE', `/api/v1/sla-policies/${q.id}`, undefined, h.admin, 204);
    await call(t, 'GET', `/api/v1/sla-policies/${q.id}`, undefined, h.admin, 404);
  });

  it('validates targets, ratio and references, naming the field, and stores nothing', async () => {
    const cal = await newCalendar();
    const bad = async (body: Record<string, unknown>, field: string) => {
      const e = await call<ErrorBody>(t, 'POST', '/api/v1/sla-policies', { name: 'P', calendarId: cal.id, targets, ...body }, h.admin, 400);
      expect(e.error.field, JSON.stringify(body)).toBe(field);
      return e;
    };
    await bad({ targets: { 3: { ownMinutes: 500, resolveMinutes: 480 } } }, 'targets.3.ownMinutes');
    await bad({ targets: { 2: { ownMinutes: 0, resolveMinutes: 480 } } }, 'targets.2.ownMinutes');
    await bad({ targets: { 2: { ownMinutes: 10 } } }, 'targets.2.resolveMinutes');
    await bad({ targets: { 7: { ownMinutes: 10, resolveMinutes: 20 } } }, 'targets');
    await bad({ targets: {} }, 'targets');
    await bad({ atRiskRatio: 0.4 }, 'atRiskRatio');
    await bad({ atRiskRatio: 1 }, 'atRiskRatio');
    expect((await bad({ calendarId: 999 }, 'calendarId')).error.message).toContain('999');
    expect((await bad({ categoryId: 999 }, 'categoryId')).error.message).toContain('999');
    await bad({ name: ' ' }, 'name');
    expect(await t.db.selectFrom('sla_policies').select('id').execute()).toEqual([]);
    const p = await newPolicy({ name: 'P', calendarId: cal.id, targets });
    const e = await call<ErrorBody>(t, 'PATCH', `/api/v1/sla-policies/${p.id}`, { calendarId: 12345 }, h.admin, 400);
    expect(e.error.field).toBe('calendarId');
    await call(t, 'PATCH', `/api/v1/sla-policies/${p.id}`, {}, h.admin, 400);
  });

  it('refuses a duplicate name (409) and deleting a policy that open tickets run on (409)', async () => {
    const cal = await newCalendar();
    const p = await newPolicy({ name: 'Standard', calendarId: cal.id, targets });
    await call(t, 'POST', '/api/v1/sla-policies', { name: 'STANDARD', calendarId: cal.id, targets }, h.admin, 409);
    const requester = await userId(t, 'requester');
    const now = new Date();
    const ticket = await t.db
      .insertInto('tickets')
      .values({ title: 't', description: 'd', type: 'incident', status: 'solved', urgency: 3, impact: 3, priority: 3, sla_policy_id: p.id, requester_id: requester, created_by: requester, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await call<ErrorBody>(t, 'DELETE', `/api/v1/sla-policies/${p.id}`, undefined, h.admin, 409)).error.message).toContain('1 ticket');
    await t.db.updateTable('tickets').set({ status: 'closed' }).where('id', '=', ticket.id).execute();
    await call(t, 'DELETE', `/api/v1/sla-policies/${p.id}`, undefined, h.admin, 204);
  });

  it('answers 404 for unknown ids and 403 to non-admin writers', async () => {
    const cal = await newCalendar();
    const p = await newPolicy({ name: 'Standard', calendarId: cal.id, targets });
    await call(t, 'PATCH', '/api/v1/sla-policies/999', { name: 'x' }, h.admin, 404);
    await call(t, 'DELETE', '/api/v1/sla-policies/999', undefined, h.admin, 404);
    for (const who of [h.tech, h.lm, h.requester]) {
      await call(t, 'POST', '/api/v1/sla-policies', { name: 'Y', calendarId: cal.id, targets }, who, 403);
      await call(t, 'PATCH', `/api/v1/sla-policies/${p.id}`, { name: 'Y' }, who, 403);
      await call(t, 'DELETE', `/api/v1/sla-policies/${p.id}`, undefined, who, 403);
    }
    await call(t, 'GET', '/api/v1/sla-policies', undefined, h.requester, 403);
  });
});

describe('findSlaPolicy', () => {
  it('picks the nearest category ancestor, else the policy without category, lowest id first', async () => {
    const cal = await newCalendar();
    const other = await newCalendar('Nights');
    const hardware = await newCategory('Hardware');
    const laptop = await newCategory('Laptop', hardware);
    const battery = await newCategory('Battery', laptop);
    const software = await newCategory('Software');

    expect(await findSlaPolicy(t.db, battery)).toBeNull();
    const general2 = await newPolicy({ name: 'General B', calendarId: cal.id, targets });
    const general1 = await newPolicy({ name: 'General A', calendarId: cal.id, targets });
    const hw = await newPolicy({ name: 'Hardware', calendarId: other.id, categoryId: hardware, targets, atRiskRatio: 0.6 });
    const hwLater = await newPolicy({ name: 'Hardware too', calendarId: cal.id, categoryId: hardware, targets });

    const forBattery = await findSlaPolicy(t.db, battery);
    expect(forBattery).toMatchObject({ id: hw.id, name: 'Hardware', categoryId: hardware, calendarId: other.id, atRiskRatio: 0.6, targets: { 3: targets[3] } });
    // The calendar comes parsed: minutes after midnight, ready for the SLA arithmetic.
    expect(forBattery!.calendar.timeZone).toBe('Europe/Paris');
    expect(forBattery!.calendar.hours.mon).toEqual([{ start: 480, end: 720 }, { start: 840, end: 1080 }]);

    const lp = await newPolicy({ name: 'Laptops', calendarId: cal.id, categoryId: laptop, targets });
    expect((await findSlaPolicy(t.db, battery))?.id).toBe(lp.id);
    expect((await findSlaPolicy(t.db, hardware))?.id).toBe(hw.id);
    expect((await findSlaPolicy(t.db, software))?.id).toBe(general2.id);
    expect((await findSlaPolicy(t.db, null))?.id).toBe(general2.id);
    expect((await findSlaPolicy(t.db, 99999))?.id).toBe(general2.id);
    expect(general1.id).toBeGreaterThan(general2.id);
    expect(hwLater.id).toBeGreaterThan(hw.id);
  });
});
