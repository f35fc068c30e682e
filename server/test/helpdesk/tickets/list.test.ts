import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALWAYS_OPEN, at, fails, helpdesk, inventoriedDevice, ok, setupTicketsApp, type Detail, type Page, type Summary, type TestContext } from './helpers.js';

let t: TestContext;
let admin: Record<string, string>;
let tech: Record<string, string>;
let rob: Record<string, string>;
let sue: Record<string, string>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2026-12-01T08:00:00Z');
  t = await setupTicketsApp();
  admin = await t.as('admin');
  tech = await t.as('technician', 'tina');
  rob = await t.as('requester', 'rob');
  sue = await t.as('requester', 'sue');
});
afterEach(() => {
  vi.useRealTimers();
});

const open = (as: Record<string, string>, body: Record<string, unknown>) =>
  ok<Detail>(t.json('POST', '/api/v1/tickets', { description: 'Details.', ...body }, as), 201);
const act = (id: number, body: Record<string, unknown>, as = tech) => ok<Detail>(t.json('POST', `/api/v1/tickets/${id}/actions`, body, as));
const list = (query: string, as = tech) => ok<Page>(t.json('GET', `/api/v1/tickets${query ? `?${query}` : ''}`, undefined, as));
const idsOf = (p: Page) => p.items.map((i) => i.id).sort((a, b) => a - b);

describe('GET /api/v1/tickets filters', () => {
  it('filters by each field, alone and combined', async () => {
    const h = helpdesk(t, admin);
    const me = { tina: (await h.me(tech)).id, rob: (await h.me(rob)).id, sue: (await h.me(sue)).id };
    const desk = await h.group('Desk');
    const hw = await h.category('Hardware');
    const printers = await h.category('Printers', hw.id);
    const dev = await inventoriedDevice(t, 'ws-f', 1);

    at('2026-12-01T09:00:00Z');
    const a = await open(rob, { title: 'Keyboard broken', urgency: 1, impact: 1, categoryId: hw.id, deviceIds: [dev.deviceId] });
    at('2026-12-02T09:00:00Z');
    const b = await open(sue, { title: 'Need a new mouse', type: 'request', urgency: 5, impact: 5, categoryId: printers.id });
    at('2026-12-03T09:00:00Z');
    const c = await open(rob, { title: 'VPN 100% down_now', description: 'Cannot reach the intranet', urgency: 3, impact: 3 });
    at('2026-12-04T09:00:00Z');
    const d = await open(tech, { title: 'Disk full', requesterId: me.sue, urgency: 4, impact: 5 });
    const e = await open(tech, { title: 'Old ticket', urgency: 2, impact: 2 });

    await act(a.id, { action: 'take' });
    await act(b.id, { action: 'assign', groupIds: [desk.id] });
    await act(c.id, { action: 'take' });
    await act(c.id, { action: 'set-pending', reason: 'waiting' });
    await act(e.id, { action: 'take' });
    await act(e.id, { action: 'solve', solution: 'ok' });
    // a assigned, b assigned (group), c pending, d new, e solved.

    expect(idsOf(await list(''))).toEqual([a.id, b.id, c.id, d.id, e.id]);
    expect(idsOf(await list('status=open'))).toEqual([a.id, b.id, c.id, d.id]);
    expect(idsOf(await list('status=new,solved'))).toEqual([d.id, e.id]);
    expect(idsOf(await list('status=pending'))).toEqual([c.id]);
    expect(idsOf(await list('status=closed'))).toEqual([]);
    expect(idsOf(await list('priority=1'))).toEqual([a.id]);
    expect(idsOf(await list('priority=5,3'))).toEqual([b.id, c.id, d.id]);
    expect(idsOf(await list('type=request'))).toEqual([b.id]);
    expect(idsOf(await list('type=incident'))).toEqual([a.id, c.id, d.id, e.id]);
    expect(idsOf(await list(`categoryId=${hw.id}`))).toEqual([a.id]);
    expect(idsOf(await list(`categoryId=${printers.id}`))).toEqual([b.id]);
    expect(idsOf(await list(`assigneeId=${me.tina}`))).toEqual([a.id, c.id, e.id]);
    expect(idsOf(await list(`groupId=${desk.id}`))).toEqual([b.id]);
    expect(idsOf(await list(`requesterId=${me.sue}`))).toEqual([b.id, d.id]);
    expect(idsOf(await list(`requesterId=${me.rob}`))).toEqual([a.id, c.id]);
    expect(idsOf(await list(`deviceId=${dev.deviceId}`))).toEqual([a.id]);
    expect(idsOf(await list('createdAfter=2026-12-02T09:00:00Z'))).toEqual([b.id, c.id, d.id, e.id]);
    expect(idsOf(await list('createdBefore=2026-12-02T09:00:00Z'))).toEqual([a.id]);
    expect(idsOf(await list('createdAfter=2026-12-02&createdBefore=2026-12-04'))).toEqual([b.id, c.id]);
    expect(idsOf(await list('createdAfter=2026-12-03T10:00:00%2B01:00'))).toEqual([c.id, d.id, e.id]);
    // Text: title or description, any case, with LIKE wildcards taken literally.
    expect(idsOf(await list('q=keyboard'))).toEqual([a.id]);
    expect(idsOf(await list('q=INTRANET'))).toEqual([c.id]);
    expect(idsOf(await list('q=100%25'))).toEqual([c.id]);
    expect(idsOf(await list('q=_'))).toEqual([c.id]);
    expect(idsOf(await list(`q=%23${d.id}`))).toEqual([d.id]);
    expect(idsOf(await list(`q=${e.id}`))).toEqual([e.id]);
    expect(idsOf(await list('q=%2399999999999'))).toEqual([]);
    // Combined.
    expect(idsOf(await list(`status=open&requesterId=${me.rob}&priority=3`))).toEqual([c.id]);
    expect(idsOf(await list(`assigneeId=${me.tina}&status=solved&q=old`))).toEqual([e.id]);
    // Requesters: the same filters within their own tickets.
    expect(idsOf(await list('status=open', rob))).toEqual([a.id, c.id]);
    expect(idsOf(await list(`deviceId=${dev.deviceId}`, sue))).toEqual([]);
  });

  it('filters by SLA state as time passes, consistent with the state shown', async () => {
    const h = helpdesk(t, admin);
    const cal = await h.calendar('Always', ALWAYS_OPEN);
    // Priority 3: resolve in 100 minutes, at risk from 80.
    await h.policy({ name: 'P', calendarId: cal.id, targets: { '3': { ownMinutes: 10, resolveMinutes: 100 } }, atRiskRatio: 0.8 });
    at('2026-12-01T10:00:00Z');
    const a = await open(rob, { title: 'A' });
    const none = await open(rob, { title: 'no target', urgency: 1, impact: 1 });
    at('2026-12-01T10:30:00Z');
    const b = await open(rob, { title: 'B' });
    const c = await open(rob, { title: 'C' });
    await act(c.id, { action: 'take' });
    await act(c.id, { action: 'set-pending', reason: 'wait' });
    at('2026-12-01T10:40:00Z');
    const dSolved = await open(rob, { title: 'D' });
    await act(dSolved.id, { action: 'solve', solution: 'quick' });

    const check = async (expected: Record<'on-track' | 'at-risk' | 'breached', number[]>) => {
      for (const [state, ids] of Object.entries(expected)) expect({ state, ids: idsOf(await list(`slaState=${state}`)) }).toEqual({ state, ids });
      // The list shows the same states it filters on.
      const all = await list('limit=500');
      for (const item of all.items) {
        const shown = item.slaState;
        const inFilter = Object.entries(expected).find(([, ids]) => ids.includes(item.id))?.[0] ?? null;
        if (inFilter) expect({ id: item.id, shown }).toEqual({ id: item.id, shown: inFilter });
        else expect(['met', 'none']).toContain(shown);
      }
    };
    at('2026-12-01T11:00:00Z');
    await check({ 'on-track': [a.id, b.id, c.id], 'at-risk': [], breached: [] });
    at('2026-12-01T11:25:00Z');
    await check({ 'on-track': [b.id, c.id], 'at-risk': [a.id], breached: [] });
    at('2026-12-01T11:55:00Z');
    await check({ 'on-track': [c.id], 'at-risk': [b.id], breached: [a.id] });
    // The pending ticket's clock stood still since 10:30; resumed at 13:00 it has 100 minutes left.
    at('2026-12-01T13:00:00Z');
    await act(c.id, { action: 'resume' });
    await check({ 'on-track': [c.id], 'at-risk': [], breached: [a.id, b.id] });
    at('2026-12-01T14:30:00Z');
    await check({ 'on-track': [], 'at-risk': [c.id], breached: [a.id, b.id] });
    expect((await ok<Detail>(t.json('GET', `/api/v1/tickets/${dSolved.id}`, undefined, tech))).slaState).toBe('met');
    expect((await ok<Detail>(t.json('GET', `/api/v1/tickets/${none.id}`, undefined, tech))).slaState).toBe('none');
  });

  it('refuses invalid parameters with 400 naming them', async () => {
    const cases: [string, string][] = [
      ['status=bogus', 'status'],
      ['status=', 'status'],
      ['priority=7', 'priority'],
      ['priority=a', 'priority'],
      ['type=problem', 'type'],
      ['categoryId=abc', 'categoryId'],
      ['assigneeId=0', 'assigneeId'],
      ['groupId=-1', 'groupId'],
      ['requesterId=2147483648', 'requesterId'],
      ['deviceId=1.5', 'deviceId'],
      ['slaState=late', 'slaState'],
      ['createdAfter=yesterday', 'createdAfter'],
      ['createdBefore=2026-13-01', 'createdBefore'],
      ['sort=colour', 'sort'],
      ['sort=--id', 'sort'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['offset=-1', 'offset'],
      [`q=${'x'.repeat(300)}`, 'q'],
    ];
    for (const [query, field] of cases) {
      const e = await fails(t.json('GET', `/api/v1/tickets?${query}`, undefined, tech));
      // A list item is named with its index (status.0).
      expect({ query, status: e.status, field: e.field?.replace(/\.\d+$/, '') }).toEqual({ query, status: 400, field });
    }
    expect((await fails(t.json('GET', '/api/v1/tickets/export.csv?sort=colour', undefined, tech))).status).toBe(400);
  });
});

describe('GET /api/v1/tickets sort and pagination', () => {
  it('sorts on each field both ways and pages through the whole list', async () => {
    const h = helpdesk(t, admin);
    const cal = await h.calendar('Always', ALWAYS_OPEN);
    await h.policy({ name: 'P', calendarId: cal.id, targets: { '2': { ownMinutes: 60, resolveMinutes: 600 }, '4': { ownMinutes: 30, resolveMinutes: 120 } } });
    const titles = ['delta', 'Alpha', 'charlie', 'bravo', 'echo', 'alpha', 'Foxtrot', 'golf'];
    const levels: [number, number][] = [[3, 3], [1, 1], [4, 4], [2, 2], [5, 5], [3, 4], [2, 3], [4, 3]];
    const created: number[] = [];
    for (const [i, title] of titles.entries()) {
      at(`2026-12-01T${String(9 + ((i * 5) % 8)).padStart(2, '0')}:00:00Z`);
      created.push((await open(rob, { title, urgency: levels[i]![0], impact: levels[i]![1] })).id);
    }
    at('2026-12-02T09:00:00Z');
    await act(created[0]!, { action: 'take' });
    await act(created[2]!, { action: 'take' });
    await act(created[2]!, { action: 'solve', solution: 's' });
    await act(created[4]!, { action: 'take' });
    await act(created[4]!, { action: 'set-pending', reason: 'r' });
    at('2026-12-02T10:00:00Z');
    await t.json('POST', `/api/v1/tickets/${created[6]!}/followups`, { body: 'bump' }, tech);

    const all = (await list('limit=500')).items;
    expect(all).toHaveLength(8);
    const STATUS_ORDER = ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'];
    const keys: Record<string, (s: Summary) => number | string | null> = {
      id: (s) => s.id,
      createdAt: (s) => s.createdAt,
      updatedAt: (s) => s.updatedAt,
      priority: (s) => s.priority,
      status: (s) => STATUS_ORDER.indexOf(s.status),
      title: (s) => s.title.toLowerCase(),
      resolveDueAt: (s) => s.resolveDueAt,
    };
    for (const [field, key] of Object.entries(keys)) {
      for (const desc of [false, true]) {
        const expected = [...all]
          .sort((x, y) => {
            const a = key(x);
            const b = key(y);
            // Nulls last both ways; ties by id in the same direction.
            if (a === null || b === null) return a === b ? (desc ? y.id - x.id : x.id - y.id) : a === null ? 1 : -1;
            const c = a < b ? -1 : a > b ? 1 : desc ? y.id - x.id : x.id - y.id;
            return desc && a !== b ? -c : c;
          })
          .map((s) => s.id);
        const got = (await list(`sort=${desc ? '-' : ''}${field}&limit=500`)).items.map((s) => s.id);
        expect({ sort: `${desc ? '-' : ''}${field}`, got }).toEqual({ sort: `${desc ? '-' : ''}${field}`, got: expected });
      }
    }
    expect((await list('')).items.map((s) => s.id)).toEqual([...created].reverse());

    // Pages of 3 cover the list exactly once, in order, with the total on each page.
    const seen: number[] = [];
    for (let offset = 0; offset < 10; offset += 3) {
      const page = await list(`sort=title&limit=3&offset=${offset}`);
      expect([page.total, page.limit, page.offset]).toEqual([8, 3, offset]);
      expect(page.items.length).toBe(Math.max(0, Math.min(3, 8 - offset)));
      seen.push(...page.items.map((s) => s.id));
    }
    expect(seen).toEqual((await list('sort=title&limit=500')).items.map((s) => s.id));
    const filtered = await list('status=open&limit=2&offset=1');
    expect([filtered.total, filtered.items.length]).toEqual([7, 2]);
  });
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  if (cell || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe('GET /api/v1/tickets/export.csv', () => {
  it('has a header, quotes what needs it and defuses formulas', async () => {
    const titles = ['Plain', 'Comma, inside', 'A "quoted" word', 'Two\nlines', '=HYPERLINK("http://evil")', '+1 call me', '-5 degrees', '@SUM(A1)', '\tTabbed'];
    for (const title of titles) await open(rob, { title });
    const res = await t.json('GET', '/api/v1/tickets/export.csv?sort=id', undefined, tech);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(['id', 'title', 'type', 'status', 'priority', 'urgency', 'impact', 'categoryId', 'requester', 'createdAt', 'updatedAt', 'resolveDueAt', 'slaState', 'deviceIds']);
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      'Plain',
      'Comma, inside',
      'A "quoted" word',
      'Two\nlines',
      `'=HYPERLINK("http://evil")`,
      "'+1 call me",
      "'-5 degrees",
      "'@SUM(A1)",
      // The title is trimmed on the way in, so the tab is gone.
      'Tabbed',
    ]);
    expect(rows.every((r) => r.length === 14)).toBe(true);
    expect(rows[1]).toEqual(expect.arrayContaining(['incident', 'new', '3', 'rob']));
  });

  it('exports the whole filtered list beyond 500 rows, and only what the caller may see', async () => {
    const h = helpdesk(t, admin);
    const robId = (await h.me(rob)).id;
    const sueId = (await h.me(sue)).id;
    const now = new Date('2026-12-01T08:00:00Z');
    const rows = Array.from({ length: 1203 }, (_, i) => ({
      title: `Bulk ${i}`,
      description: 'bulk',
      type: i % 3 === 0 ? ('request' as const) : ('incident' as const),
      category_id: null,
      status: 'new' as const,
      urgency: 3,
      impact: 3,
      priority: 3,
      requester_id: i % 2 === 0 ? robId : sueId,
      requester_name: null,
      created_by: null,
      location: null,
      due_at: null,
      source_key: null,
      created_at: new Date(now.getTime() + i * 1000),
      updated_at: now,
    }));
    await t.db.insertInto('tickets').values(rows).execute();
    const csv = async (query: string, as: Record<string, string>) => parseCsv(await (await t.json('GET', `/api/v1/tickets/export.csv?${query}`, undefined, as)).text()).slice(1);

    const everything = await csv('sort=createdAt', tech);
    expect(everything).toHaveLength(1203);
    expect(everything.map((r) => r[1])).toEqual(rows.map((r) => r.title));
    const requests = await csv('type=request&sort=-id', tech);
    expect(requests).toHaveLength(401);
    expect(new Set(requests.map((r) => r[0])).size).toBe(401);
    // Even with limit/offset in the query, the export starts where asked and runs to the end.
    expect(await csv('type=request&limit=10&offset=400', tech)).toHaveLength(1);
    const robs = await csv('sort=id', rob);
    expect(robs).toHaveLength(602);
    expect(robs.every((r) => r[8] === 'rob')).toBe(true);
    expect(await csv(`requesterId=${sueId}`, rob)).toHaveLength(0);
  });
});
