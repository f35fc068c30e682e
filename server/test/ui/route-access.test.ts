import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/ui/client/roles.js';
import { mayOpen } from '../../src/ui/client/route-access.js';

/** A screen outside a role is refused by the client before any API call (a "not for your role" page). */
describe('route access', () => {
  it('keeps requesters out of the inventory, statistics, licences and administration', () => {
    const can = capabilitiesOf('requester');
    for (const r of ['devices', 'device', 'statistics', 'tokens', 'admin', 'compliance', 'licences', 'licence-import', 'software', 'software-rules'] as const) {
      expect({ r, ok: mayOpen(r, can) }).toEqual({ r, ok: false });
    }
    for (const r of ['tickets', 'ticket', 'ticket-new', 'not-found'] as const) expect({ r, ok: mayOpen(r, can) }).toEqual({ r, ok: true });
  });

  it('opens to each role what the API lets it read', () => {
    expect(mayOpen('devices', capabilitiesOf('technician'))).toBe(true);
    expect(mayOpen('statistics', capabilitiesOf('technician'))).toBe(true);
    expect(mayOpen('admin', capabilitiesOf('technician'))).toBe(false);
    expect(mayOpen('devices', capabilitiesOf('licence-manager'))).toBe(true);
    expect(mayOpen('statistics', capabilitiesOf('licence-manager'))).toBe(false);
    expect(mayOpen('licence-import', capabilitiesOf('technician'))).toBe(false);
    expect(mayOpen('licence-import', capabilitiesOf('licence-manager'))).toBe(true);
    expect(mayOpen('admin', capabilitiesOf('admin'))).toBe(true);
  });

  it('keeps problems and changes to the helpdesk staff; approvals to those the API lets be approvers', () => {
    for (const role of ['requester', 'licence-manager'] as const) {
      for (const r of ['problems', 'problem', 'problem-new', 'changes', 'change', 'change-new'] as const) expect({ role, r, ok: mayOpen(r, capabilitiesOf(role)) }).toEqual({ role, r, ok: false });
    }
    expect(mayOpen('approvals', capabilitiesOf('requester'))).toBe(false);
    expect(mayOpen('approvals', capabilitiesOf('licence-manager'))).toBe(true);
    for (const r of ['problems', 'problem', 'problem-new', 'changes', 'change', 'change-new', 'approvals'] as const) expect({ r, ok: mayOpen(r, capabilitiesOf('technician')) }).toEqual({ r, ok: true });
  });
});
