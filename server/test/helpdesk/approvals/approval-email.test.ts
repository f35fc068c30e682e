import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../src/helpdesk/notifications/email.js';

// Approval emails, in the recipient's language, linking to the item's own page.

describe('approval emails', () => {
  const base = { ticketId: 42, summary: 'Upgrade the VPN', occurredAt: '2026-12-01T10:00:00.000Z' };
  it('asks an approver, in English or French, with a link to the change', () => {
    const payload = { ...base, event: 'approval.requested' as const, data: { itemKind: 'change', mode: 'all', body: 'Before Friday' } };
    const en = renderEmail(payload, { publicUrl: 'https://parc.example.org/', locale: 'en' });
    expect(en.subject).toBe('[Parc #42] Upgrade the VPN');
    expect(en.text).toContain('Approval requested on ticket #42');
    expect(en.text).toContain('every approver must approve');
    expect(en.text).toContain('https://parc.example.org/#/changes/42');
    expect(en.text).toContain('Before Friday');
    const fr = renderEmail({ ...payload, data: { ...payload.data, mode: 'any' } }, { publicUrl: 'https://parc.example.org', locale: 'fr' });
    expect(fr.text).toContain('Validation demandée');
    expect(fr.text).toContain('une seule validation suffit');
  });
  it('tells how a round settled', () => {
    const payload = { ...base, event: 'approval.settled' as const, data: { itemKind: 'ticket', outcome: 'refused' } };
    expect(renderEmail(payload, { publicUrl: 'https://parc.example.org', locale: 'en' }).text).toContain('The approval was refused.');
    expect(renderEmail(payload, { publicUrl: 'https://parc.example.org', locale: 'fr' }).text).toContain('La validation a été refusée.');
    expect(renderEmail(payload, { publicUrl: 'https://parc.example.org', locale: 'en' }).text).toContain('https://parc.example.org/#/tickets/42');
  });
});
