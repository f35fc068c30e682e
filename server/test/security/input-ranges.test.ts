import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Extreme values at the edges: far dates, ids of 0, negative or beyond int4, oversized text. Each is a
// clean 4xx naming the field (or a correct empty answer), never a 500.

type ErrorBody = { error: { code: string; field?: string } };

describe('extreme input values', () => {
  let t: TestContext;
  let tech: Record<string, string>;
  let requester: Record<string, string>;
  beforeAll(async () => {
    t = await setupTestApp();
    tech = await t.as('technician');
    requester = await t.as('requester', 'alice');
  });

  it('statistics over periods far in the past or future: 400 naming the field', async () => {
    for (const [from, to, field] of [
      ['0001-01-01', '0001-12-31', 'from'],
      ['1899-12-31', '1900-01-31', 'from'],
      ['9999-01-01', '9999-12-31', 'from'],
      ['2026-01-01', '9999-12-31', 'to'],
    ] as const) {
      const res = await t.json('GET', `/api/v1/tickets/statistics?from=${from}&to=${to}`, undefined, tech);
      const body = (await res.json()) as ErrorBody;
      expect({ from, to, status: res.status, field: body.error?.field }).toEqual({ from, to, status: 400, field });
    }
    expect((await t.json('GET', '/api/v1/tickets/statistics?from=1900-01-01&to=1900-01-31', undefined, tech)).status).toBe(200);
  });

  it('ids of 0, negative, fractional or beyond int4 are 400 on every id parameter', async () => {
    for (const id of ['0', '-1', '1.5', '2147483648', '99999999999999999999', 'abc']) {
      for (const path of [`/api/v1/tickets/${id}`, `/api/v1/devices/${id}`, `/api/v1/devices/${id}/tickets`, `/api/v1/devices/${id}/changes`]) {
        const res = await t.json('GET', path, undefined, tech);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
      }
    }
    expect((await t.json('GET', '/api/v1/tickets/2147483647', undefined, tech)).status).toBe(404);
  });

  it('a 10 MB description is refused cleanly (413 before it is read), an over-long one names the field, and nothing is stored', async () => {
    const res = await t.json('POST', '/api/v1/tickets', { title: 'big', description: 'a'.repeat(10_000_000) }, requester);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('payload_too_large');
    const long = await t.json('POST', '/api/v1/tickets', { title: 'big', description: 'a'.repeat(60_000) }, requester);
    expect(long.status).toBe(400);
    expect(((await long.json()) as ErrorBody).error.field).toBe('description');
    expect(((await (await t.json('GET', '/api/v1/tickets?q=big', undefined, tech)).json()) as { total: number }).total).toBe(0);
  });

  it('far dates in filters and fields are either stored exactly or refused, never a 500', async () => {
    const created = (await (await t.json('POST', '/api/v1/tickets', { title: 'dates', description: 'x' }, requester)).json()) as { id: number };
    for (const dueAt of ['1900-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
      const res = await t.json('PATCH', `/api/v1/tickets/${created.id}`, { dueAt }, tech);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { dueAt: string }).dueAt).toBe(new Date(dueAt).toISOString());
    }
    // Year 1 was stored and read back as 2001 on PGlite: refused instead.
    for (const dueAt of ['0001-01-01T00:00:00Z', '1899-12-31T23:59:59Z']) {
      const res = await t.json('PATCH', `/api/v1/tickets/${created.id}`, { dueAt }, tech);
      expect({ dueAt, status: res.status, field: ((await res.json()) as ErrorBody).error?.field }).toEqual({ dueAt, status: 400, field: 'dueAt' });
    }
    const task = await t.json('POST', `/api/v1/tickets/${created.id}/tasks`, { description: 'x', plannedStart: '0001-01-01T00:00:00Z', plannedEnd: '0001-01-01T01:00:00Z' }, tech);
    expect(task.status).toBe(400);
    for (const q of ['createdAfter=0001-01-01T00:00:00Z', 'createdBefore=9999-12-31T00:00:00Z', 'createdBefore=275760-09-13T00:00:00Z']) {
      expect((await t.json('GET', `/api/v1/tickets?${q}`, undefined, tech)).status).toBeLessThan(500);
    }
    expect((await t.json('GET', '/api/v1/devices?lastSeenBefore=0001-01-01T00:00:00Z', undefined, tech)).status).toBe(200);
  });

  it('emoji round-trip; a lone surrogate is a 400 naming the field, never a 500', async () => {
    const bad = await t.json('POST', '/api/v1/tickets', { title: '💥 écran \uD800', description: '𝕏 👩‍💻' }, requester);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.field).toBe('title');
    const res = await t.json('POST', '/api/v1/tickets', { title: '💥 écran', description: '𝕏 👩‍💻' }, requester);
    expect(res.status).toBe(201);
    const d = (await res.json()) as { title: string; description: string };
    expect(d.description).toBe('𝕏 👩‍💻');
    expect(d.title).toBe('💥 écran');
  });
});
