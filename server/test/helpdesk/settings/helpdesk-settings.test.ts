import { beforeEach, describe, expect, it } from 'vitest';
import { getHelpdeskSettings, settingsFrom } from '../../../src/helpdesk/settings/helpdesk-settings.service.js';
import { GLPI_DEFAULT_PRIORITY_MATRIX } from '../../../src/helpdesk/itil/priority.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { call, roles, type ErrorBody } from '../admin-helpers.js';

const DEFAULTS = { priorityMatrix: GLPI_DEFAULT_PRIORITY_MATRIX, autoCloseDays: 7, deviceChangesDays: 14 };
const flat: number[][] = [1, 2, 3, 4, 5].map((u) => [1, 2, 3, 4, 5].map((i) => Math.max(u, i)));

describe('settingsFrom', () => {
  it('falls back to the default field by field', () => {
    expect(settingsFrom(undefined)).toEqual(DEFAULTS);
    expect(settingsFrom('garbage')).toEqual(DEFAULTS);
    expect(settingsFrom({ autoCloseDays: 0, priorityMatrix: [[9]] })).toEqual({ ...DEFAULTS, autoCloseDays: 0 });
    expect(settingsFrom({ priorityMatrix: flat, deviceChangesDays: 'x' })).toEqual({ ...DEFAULTS, priorityMatrix: flat });
  });
});

let t: TestContext;
let h: Awaited<ReturnType<typeof roles>>;
beforeEach(async () => {
  t = await setupTestApp();
  h = await roles(t);
});

describe('helpdesk settings API', () => {
  it("starts from GLPI's matrix, 7 days to auto-close and 14 days of device changes", async () => {
    expect(await call(t, 'GET', '/api/v1/settings/helpdesk', undefined, h.tech, 200)).toEqual(DEFAULTS);
    expect(await getHelpdeskSettings(t.db)).toEqual(DEFAULTS);
  });

  it('stores changes under the "helpdesk" key, keeping fields left out', async () => {
    expect(await call(t, 'PUT', '/api/v1/settings/helpdesk', { autoCloseDays: 0 }, h.admin, 200)).toEqual({ ...DEFAULTS, autoCloseDays: 0 });
    const after = await call(t, 'PUT', '/api/v1/settings/helpdesk', { priorityMatrix: flat, deviceChangesDays: 30 }, h.admin, 200);
    expect(after).toEqual({ priorityMatrix: flat, autoCloseDays: 0, deviceChangesDays: 30 });
    expect(await call(t, 'GET', '/api/v1/settings/helpdesk', undefined, h.lm, 200)).toEqual(after);
    expect(await getHelpdeskSettings(t.db)).toEqual(after);
    const row = await t.db.selectFrom('settings').select('value').where('key', '=', 'helpdesk').executeTakeFirstOrThrow();
    expect(row.value).toEqual(after);
  });

  it('names the bad matrix cell and changes nothing', async () => {
    await call(t, 'PUT', '/api/v1/settings/helpdesk', { autoCloseDays: 3 }, h.admin, 200);
    const bad = flat.map((r) => [...r]);
    bad[2]![3] = 6;
    let e = await call<ErrorBody>(t, 'PUT', '/api/v1/settings/helpdesk', { priorityMatrix: bad, autoCloseDays: 1 }, h.admin, 400);
    expect(e.error.field).toBe('priorityMatrix.2.3');
    expect(e.error.message).toContain('urgency 3 × impact 4');
    e = await call<ErrorBody>(t, 'PUT', '/api/v1/settings/helpdesk', { priorityMatrix: flat.slice(0, 4) }, h.admin, 400);
    expect(e.error.field).toBe('priorityMatrix');
    const short = flat.map((r) => [...r]);
    short[1] = [1, 2, 3];
    e = await call<ErrorBody>(t, 'PUT', '/api/v1/settings/helpdesk', { priorityMatrix: short }, h.admin, 400);
    expect(e.error.field).toBe('priorityMatrix.1');
    expect(await getHelpdeskSettings(t.db)).toEqual({ ...DEFAULTS, autoCloseDays: 3 });
  });

  it('validates the other fields, naming them', async () => {
    for (const [body, field] of [
      [{ autoCloseDays: -1 }, 'autoCloseDays'],
      [{ autoCloseDays: 1.5 }, 'autoCloseDays'],
      [{ deviceChangesDays: 0 }, 'deviceChangesDays'],
      [{ deviceChangesDays: 366 }, 'deviceChangesDays'],
      [{ colour: 'blue' }, 'body'],
    ] as const) {
      const e = await call<ErrorBody>(t, 'PUT', '/api/v1/settings/helpdesk', body, h.admin, 400);
      expect(e.error.field ?? '', JSON.stringify(body)).toContain(field === 'body' ? '' : field);
    }
    await call(t, 'PUT', '/api/v1/settings/helpdesk', {}, h.admin, 400);
    expect(await t.db.selectFrom('settings').select('key').where('key', '=', 'helpdesk').execute()).toEqual([]);
  });

  it('lets admins write and staff read', async () => {
    for (const who of [h.tech, h.lm, h.requester]) await call(t, 'PUT', '/api/v1/settings/helpdesk', { autoCloseDays: 1 }, who, 403);
    await call(t, 'GET', '/api/v1/settings/helpdesk', undefined, h.requester, 403);
    await call(t, 'GET', '/api/v1/settings/helpdesk', undefined, {}, 401);
  });
});
