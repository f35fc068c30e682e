import { describe, expect, it } from 'vitest';
import { draftValue, snapshot } from '../../src/ui/client/drafts.js';

/** A form's typed values survive a lost session: kept by form and field, never passwords or files. */
describe('form drafts', () => {
  const ticketForm = [
    { name: 'title', type: 'text', value: 'Printer jammed' },
    { name: 'description', type: 'textarea', value: 'Since this morning, paper stuck.' },
    { name: 'urgency', type: 'select-one', value: '4' },
    { name: 'private', type: 'checkbox', value: 'on', checked: true },
    { name: 'secret', type: 'password', value: 'hunter2' },
    { name: 'csv', type: 'file', value: 'C:\\fakepath\\x.csv' },
    { name: 'location', type: 'text', value: '' },
  ];
  const events = [
    { name: 'events', type: 'checkbox', value: 'ticket.created', checked: true },
    { name: 'events', type: 'checkbox', value: 'ticket.solved', checked: false },
  ];

  it('keeps text, choices and each checkbox, by form, and never a password or a file', () => {
    const draft = snapshot([ticketForm, events]);
    expect(draft).toEqual({
      '0:title': 'Printer jammed',
      '0:description': 'Since this morning, paper stuck.',
      '0:urgency': '4',
      '0:private=on': true,
      '1:events=ticket.created': true,
      '1:events=ticket.solved': false,
    });
    expect(JSON.stringify(draft)).not.toContain('hunter2');
  });

  it('gives each field its own value back', () => {
    const draft = snapshot([ticketForm, events]);
    expect(draftValue(draft, 0, { name: 'title', type: 'text', value: '' })).toBe('Printer jammed');
    expect(draftValue(draft, 1, { name: 'events', type: 'checkbox', value: 'ticket.solved' })).toBe(false);
    expect(draftValue(draft, 1, { name: 'title', type: 'text', value: '' })).toBeUndefined();
  });
});
