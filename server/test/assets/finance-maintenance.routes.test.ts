import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@parc/shared';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';
import { makeInventory } from '../helpers/inventory-factory.js';

let t: TestContext;
const clock = manualClock(new Date('2026-06-15T10:00:00Z'));
let admin: Record<string, string>;
let tech: Record<string, string>;
let lm: Record<string, string>;
let requester: Record<string, string>;
let pc: number;
let printer: number;

async function device(hostname: string): Promise<number> {
  const { agentKey } = await t.enrollAgent(hostname);
  const res = await t.upload(agentKey, makeInventory({ hostname, serial: `SN-${hostname}` }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { deviceId: number }).deviceId;
}
const call = async <T = Record<string, unknown>>(method: string, path: string, body: unknown, who: Record<string, string>) => {
  const res = await t.json(method, path, body, who);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
};

beforeAll(async () => {
  t = await setupTestApp({}, { clock });
  admin = await t.as('admin');
  tech = await t.as('technician');
  lm = await t.as('licence-manager');
  requester = await t.as('requester');
  pc = await device('pc-fin-1');
  printer = await device('pc-fin-2');
});

describe('asset finance', () => {
  it('reads as empty, then saves and computes warranty end, status, days left and current value', async () => {
    expect((await call('GET', `/api/v1/devices/${pc}/finance`, undefined, lm)).body).toMatchObject({ deviceId: pc, cost: null, warrantyStatus: 'none', currentValue: null, updatedAt: null });
    const put = await call('PUT', `/api/v1/devices/${pc}/finance`, {
      purchaseDate: '2026-01-31',
      orderNumber: 'PO-1',
      invoiceNumber: 'INV-9',
      supplier: 'Acme',
      cost: 1200,
      currency: 'eur',
      warrantyStart: '2025-07-05',
      warrantyMonths: 12,
      depreciationMethod: 'linear',
      depreciationMonths: 36,
    }, lm);
    expect(put.status).toBe(200); // 4 whole months since Jan 31 (Feb 28, Mar 31, Apr 30, May 31): 1200 × 32/36
    expect(put.body).toMatchObject({ currency: 'EUR', cost: 1200, warrantyEndsOn: '2026-07-05', warrantyStatus: 'expiring', daysLeft: 20, currentValue: 1066.67 });
    const got = await call('GET', `/api/v1/devices/${pc}/finance`, undefined, tech);
    expect(got.body).toEqual(put.body);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'asset_finance.changed').execute();
    expect(audit).toEqual([{ action: 'asset_finance.changed', target_id: String(pc) }]);
  });

  it('a warranty without a start runs from the purchase', async () => {
    const r = await call('PUT', `/api/v1/devices/${printer}/finance`, { purchaseDate: '2026-01-31', warrantyMonths: 1 }, tech);
    expect(r.body).toMatchObject({ warrantyStart: '2026-01-31', warrantyEndsOn: '2026-02-28', warrantyStatus: 'expired', daysLeft: 0 });
  });

  it('answers 400 naming the field, and keeps what was stored', async () => {
    for (const [body, field] of [
      [{ purchaseDate: '2026-02-30' }, 'purchaseDate'],
      [{ cost: -1, currency: 'EUR' }, 'cost'],
      [{ cost: 1.234, currency: 'EUR' }, 'cost'],
      [{ cost: 10 }, 'currency'],
      [{ currency: 'EURO' }, 'currency'],
      [{ warrantyMonths: 1.5 }, 'warrantyMonths'],
      [{ depreciationMethod: 'linear' }, 'depreciationMonths'],
      [{ depreciationMethod: 'declining' }, 'depreciationMethod'],
    ] as const) {
      const r = await call<{ error: { field?: string; details?: unknown } }>('PUT', `/api/v1/devices/${pc}/finance`, body, admin);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.body), JSON.stringify(body)).toContain(field);
    }
    expect((await call('GET', `/api/v1/devices/${pc}/finance`, undefined, admin)).body).toMatchObject({ cost: 1200, orderNumber: 'PO-1' });
  });

  it('404 for an unknown device; requesters get 403', async () => {
    expect((await call('GET', '/api/v1/devices/999999/finance', undefined, admin)).status).toBe(404);
    expect((await call('PUT', '/api/v1/devices/999999/finance', {}, admin)).status).toBe(404);
    expect((await call('GET', `/api/v1/devices/${pc}/finance`, undefined, requester)).status).toBe(403);
    expect((await call('PUT', `/api/v1/devices/${pc}/finance`, {}, requester)).status).toBe(403);
  });
});

describe('maintenance contracts', () => {
  let id: number;
  it('creates, lists with search and ending-before, changes and covers assets set-wise', async () => {
    const created = await call<{ id: number; deviceCount: number }>('POST', '/api/v1/contracts', { name: 'Printers 2026', supplier: 'PrintCo', number: 'MC-7', startsOn: '2026-01-01', endsOn: '2026-12-31', cost: 480.5, currency: 'EUR', noticeDays: 60 }, lm);
    expect(created.status).toBe(201);
    id = created.body.id;
    await call('POST', '/api/v1/contracts', { name: 'Network', endsOn: '2027-06-30' }, admin);
    expect((await call<{ total: number }>('GET', '/api/v1/contracts?search=printco', undefined, tech)).body.total).toBe(1);
    expect((await call<{ items: { name: string }[] }>('GET', '/api/v1/contracts?endingBefore=2027-01-01', undefined, tech)).body.items.map((c) => c.name)).toEqual(['Printers 2026']);
    expect((await call<{ total: number }>('GET', '/api/v1/contracts?limit=1', undefined, tech)).body.total).toBe(2);

    expect((await call<{ devices: { id: number }[] }>('PUT', `/api/v1/contracts/${id}/devices`, { deviceIds: [pc, printer] }, lm)).body.devices.map((d) => d.id).sort()).toEqual([pc, printer].sort());
    expect((await call<{ devices: { id: number }[] }>('DELETE', `/api/v1/contracts/${id}/devices`, { deviceIds: [pc] }, lm)).body.devices.map((d) => d.id)).toEqual([printer]);
    expect((await call<{ devices: { id: number }[] }>('POST', `/api/v1/contracts/${id}/devices`, { deviceIds: [printer, pc] }, lm)).body.devices).toHaveLength(2);
    const bad = await call('POST', `/api/v1/contracts/${id}/devices`, { deviceIds: [pc, 999999] }, lm);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('deviceIds.1');
    expect((await call<{ items: { id: number }[] }>('GET', `/api/v1/devices/${pc}/contracts`, undefined, tech)).body.items.map((c) => c.id)).toEqual([id]);

    const patched = await call('PATCH', `/api/v1/contracts/${id}`, { noticeDays: 30, cost: 500 }, tech);
    expect(patched.body).toMatchObject({ noticeDays: 30, cost: 500, currency: 'EUR', deviceCount: 2, name: 'Printers 2026' });
  });

  it('400s name the field; 404s; roles', async () => {
    expect(JSON.stringify((await call('POST', '/api/v1/contracts', { name: ' ' }, admin)).body)).toContain('name');
    expect(JSON.stringify((await call('POST', '/api/v1/contracts', { name: 'x', startsOn: '2026-05-01', endsOn: '2026-04-01' }, admin)).body)).toContain('endsOn');
    expect(JSON.stringify((await call('PATCH', `/api/v1/contracts/${id}`, { endsOn: 'soon' }, admin)).body)).toContain('endsOn');
    expect(JSON.stringify((await call('PATCH', `/api/v1/contracts/${id}`, { currency: null }, admin)).body)).toContain('currency');
    expect((await call('GET', '/api/v1/contracts/999999', undefined, admin)).status).toBe(404);
    expect((await call('PATCH', '/api/v1/contracts/999999', { name: 'x' }, admin)).status).toBe(404);
    expect((await call('PUT', '/api/v1/contracts/999999/devices', { deviceIds: [] }, admin)).status).toBe(404);
    expect((await call('GET', '/api/v1/devices/999999/contracts', undefined, admin)).status).toBe(404);
    expect((await call('GET', '/api/v1/contracts', undefined, requester)).status).toBe(403);
    expect((await call('POST', '/api/v1/contracts', { name: 'x' }, requester)).status).toBe(403);
  });
});

describe('interventions', () => {
  it('logs one on an asset, from a ticket and under a covering contract; it shows in the history', async () => {
    const ticket = await call<{ id: number }>('POST', '/api/v1/tickets', { title: 'Paper jam', description: 'Again.', deviceIds: [printer] }, tech);
    expect(ticket.status).toBe(201);
    const contract = (await call<{ items: { id: number }[] }>('GET', '/api/v1/contracts?search=Printers', undefined, tech)).body.items[0]!.id;
    const r = await call<{ id: number }>('POST', `/api/v1/devices/${printer}/interventions`, { performedOn: '2026-06-14', performedBy: 'PrintCo', description: 'Replaced the fuser', cost: 89.9, currency: 'EUR', ticketId: ticket.body.id, contractId: contract }, tech);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ deviceId: printer, cost: 89.9, ticketId: ticket.body.id, contractId: contract, contractName: 'Printers 2026' });
    expect((await call<{ items: { id: number }[] }>('GET', `/api/v1/devices/${printer}/interventions`, undefined, lm)).body.items.map((i) => i.id)).toEqual([r.body.id]);
    expect((await call<{ items: { id: number }[] }>('GET', `/api/v1/tickets/${ticket.body.id}/interventions`, undefined, tech)).body.items.map((i) => i.id)).toEqual([r.body.id]);
    const history = await t.db.selectFrom('device_changes').select(['code', 'params']).where('device_id', '=', printer).where('code', '=', 'intervention').execute();
    expect(history).toEqual([{ code: 'intervention', params: expect.objectContaining({ id: r.body.id, performedOn: '2026-06-14', description: 'Replaced the fuser' }) }]);

    const patched = await call('PATCH', `/api/v1/interventions/${r.body.id}`, { description: 'Replaced the fuser and rollers' }, admin);
    expect(patched.body).toMatchObject({ description: 'Replaced the fuser and rollers', cost: 89.9 });
    expect((await call('DELETE', `/api/v1/interventions/${r.body.id}`, undefined, admin)).status).toBe(204);
    expect((await call('DELETE', `/api/v1/interventions/${r.body.id}`, undefined, admin)).status).toBe(404);
  });

  it('400 naming the field: a contract that does not cover the asset, an unknown ticket, a bad date', async () => {
    const other = (await call<{ id: number }>('POST', '/api/v1/contracts', { name: 'Uncovered' }, admin)).body.id;
    for (const [body, field] of [
      [{ performedOn: '2026-06-01', description: 'x', contractId: other }, 'contractId'],
      [{ performedOn: '2026-06-01', description: 'x', contractId: 999999 }, 'contractId'],
      [{ performedOn: '2026-06-01', description: 'x', ticketId: 999999 }, 'ticketId'],
      [{ performedOn: '2026-13-01', description: 'x' }, 'performedOn'],
      [{ performedOn: '2026-06-01', description: '' }, 'description'],
      [{ performedOn: '2026-06-01', description: 'x', cost: 5 }, 'currency'],
    ] as const) {
      const r = await call('POST', `/api/v1/devices/${pc}/interventions`, body, tech);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.body)).toContain(field);
    }
  });

  it('roles and 404s', async () => {
    const body = { performedOn: '2026-06-01', description: 'Cleaned' };
    expect((await call('POST', `/api/v1/devices/${pc}/interventions`, body, lm)).status).toBe(403);
    expect((await call('POST', `/api/v1/devices/${pc}/interventions`, body, requester)).status).toBe(403);
    expect((await call('GET', `/api/v1/devices/${pc}/interventions`, undefined, requester)).status).toBe(403);
    expect((await call('POST', '/api/v1/devices/999999/interventions', body, tech)).status).toBe(404);
    expect((await call('GET', '/api/v1/devices/999999/interventions', undefined, tech)).status).toBe(404);
    expect((await call('PATCH', '/api/v1/interventions/999999', { description: 'x' }, tech)).status).toBe(404);
    expect((await call('GET', '/api/v1/tickets/999999/interventions', undefined, tech)).status).toBe(404);
  });
});
