import { describe, expect, it } from 'vitest';
import { listAudit, recordAudit } from '../../../src/platform/audit/audit.repository.js';
import { clientAddressOf } from '../../../src/platform/http/client-address.js';
import { parseCidr, type Cidr } from '../../../src/platform/http/cidr.js';
import { resetDatabase, testDatabase } from '../../helpers/test-db.js';

describe('audit log repository', () => {
  it('appends entries and lists them newest first with filters and keyset paging', async () => {
    const { db } = await testDatabase();
    await resetDatabase(db);
    await recordAudit(
      db,
      { actor: { username: 'alice', address: '10.0.0.1' }, action: 'auth.login_failed', detail: { reason: 'bad password' } },
      { actor: { username: 'bob' }, action: 'settings.changed', target: { type: 'settings', id: 'helpdesk' } },
    );
    await recordAudit(db, { actor: { agentId: 'a-1' }, action: 'agent.rekeyed', target: { type: 'agent', id: 'a-1', label: 'ws-001' } });
    const all = await listAudit(db, { limit: 10 });
    expect(all.map((e) => e.action)).toEqual(['agent.rekeyed', 'settings.changed', 'auth.login_failed']);
    expect(all[2]).toMatchObject({ actor_username: 'alice', address: '10.0.0.1', detail: { reason: 'bad password' }, target_id: null });
    expect(all[0]).toMatchObject({ actor_agent_id: 'a-1', target_type: 'agent', target_id: 'a-1', target_label: 'ws-001' });
    expect((await listAudit(db, { limit: 10, actorUsername: 'ALICE' })).map((e) => e.action)).toEqual(['auth.login_failed']);
    expect((await listAudit(db, { limit: 10, action: ['settings.changed', 'agent.rekeyed'] })).length).toBe(2);
    expect((await listAudit(db, { limit: 10, targetType: 'settings', targetId: 'helpdesk' })).length).toBe(1);
    const page = await listAudit(db, { limit: 1, beforeId: all[0]!.id });
    expect(page.map((e) => e.action)).toEqual(['settings.changed']);
  });
});

describe('client address', () => {
  const trusted = ['127.0.0.1/32', '10.0.0.0/8'].map((t) => parseCidr(t) as Cidr);
  it('is the socket peer unless that peer is a trusted proxy', () => {
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', trusted)).toBe('203.0.113.9');
    expect(clientAddressOf('203.0.113.9', undefined, [])).toBe('203.0.113.9');
  });
  it('behind trusted proxies, takes the right-most address they did not add', () => {
    // The client wrote "1.2.3.4" itself: it proves nothing.
    expect(clientAddressOf('127.0.0.1', '1.2.3.4, 198.51.100.7, 10.1.2.3', trusted)).toBe('198.51.100.7');
    expect(clientAddressOf('127.0.0.1', '10.9.9.9', trusted)).toBe('10.9.9.9');
    expect(clientAddressOf('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
  });
});
