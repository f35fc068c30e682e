import type { CreateWebhookInput, PatchWebhookInput, WebhookEvent } from '@parc/shared/api';
import { WEBHOOK_EVENTS } from '@parc/shared/api/enums';
import { api } from '../../api.js';
import type { Webhook } from '../../admin-types.js';
import { h } from '../../dom.js';
import { checkbox, field, input } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion, showError } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

/** Every event a webhook can receive (the API's list, @parc/shared/api/enums), in words. */
const EVENT_LABELS: Record<WebhookEvent, string> = {
  'ticket.created': 'Ticket opened',
  'ticket.assigned': 'Ticket assigned',
  'ticket.followup': 'Followup added',
  'ticket.solved': 'Ticket solved',
  'ticket.sla-at-risk': 'SLA at risk',
  'licence.expiring': 'Licence expiring',
  'licence.over-deployed': 'Software over-deployed',
};
const EVENTS = WEBHOOK_EVENTS.map((e) => [e, EVENT_LABELS[e]] as const);

/** Webhooks: Parc POSTs JSON to a URL on chosen ticket events, signed with a secret that is set but never shown. */
export const webhooksPage: AdminPageFn = async ({ reload }) => {
  const { items } = await api.get<{ items: Webhook[] }>('/api/v1/webhooks');
  const listErrors = alertRegion();

  const form = (w: Webhook | null): HTMLFormElement => {
    const url = input({ name: 'url', type: 'url', value: w?.url ?? '', required: true, maxlength: 2048, placeholder: 'https://hooks.example.org/parc' });
    const boxes = EVENTS.map(([value]) => ({ value, box: checkbox('events', w ? w.events.includes(value) : true, { value }) }));
    const secret = input({ name: 'secret', type: 'password', autocomplete: 'new-password', minlength: 16, maxlength: 256 });
    const removeSecret = w?.hasSecret ? checkbox('removeSecret', false) : null;
    const active = checkbox('active', w?.active ?? true);
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': w ? `Change webhook ${w.url}` : 'Add a webhook', novalidate: true },
      errors,
      field('URL', url),
      h('fieldset', null, h('legend', null, 'Events'), h('ul', { class: 'checklist' }, EVENTS.map(([, label], i) => h('li', null, field(label, boxes[i]!.box, { inline: true }))))),
      field(w?.hasSecret ? 'New secret' : 'Secret', secret, {
        hint: w?.hasSecret ? 'A secret is set; it is never shown. Type a new one to replace it, or leave empty to keep it.' : 'Optional, at least 16 characters: signs each request (X-Parc-Signature). It cannot be read back.',
      }),
      removeSecret && field('Remove the secret (requests are then unsigned)', removeSecret, { inline: true }),
      field('Active', active, { inline: true }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, w ? 'Save webhook' : 'Add webhook')),
    );
    onSubmit(el, errors, async () => {
      const body = { url: url.value, events: boxes.filter((b) => b.box.checked).map((b) => b.value), active: active.checked, ...(secret.value ? { secret: secret.value } : {}) };
      if (w) await api.patch(`/api/v1/webhooks/${w.id}`, { ...body, ...(!secret.value && removeSecret?.checked ? { secret: null } : {}) } satisfies PatchWebhookInput);
      else await api.post('/api/v1/webhooks', body satisfies CreateWebhookInput);
      flash(`Webhook ${w ? 'saved' : 'added'}.`);
      reload();
    });
    return el;
  };

  const remove = (w: Webhook) => {
    if (!window.confirm(`Delete the webhook to ${w.url}?`)) return;
    api
      .delete(`/api/v1/webhooks/${w.id}`)
      .then(() => {
        flash('Webhook deleted.');
        reload();
      })
      .catch((err: unknown) => showError(listErrors, err));
  };

  const card = (w: Webhook) =>
    h(
      'li',
      { class: 'card' },
      h('p', { class: 'rule-head' }, h('code', null, w.url), h('span', { class: ['badge', w.active ? 'status-assigned' : 'status-closed'] }, w.active ? 'Active' : 'Inactive'), w.hasSecret ? h('span', { class: 'badge' }, 'Signed') : h('span', { class: 'muted small' }, 'Unsigned')),
      h('p', { class: 'small' }, `Events: ${w.events.map((e) => EVENT_LABELS[e]).join(', ')}`),
      h('details', null, h('summary', null, 'Edit', h('span', { class: 'visually-hidden' }, ` webhook ${w.url}`)), form(w)),
      h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': `Delete webhook ${w.url}`, on: { click: () => remove(w) } }, 'Delete'),
    );

  return {
    title: 'Webhooks',
    body: [h('section', { class: 'card', 'aria-label': 'Add a webhook' }, h('h2', null, 'Add a webhook'), form(null)), listErrors, items.length ? h('ul', { class: 'plain stack' }, items.map(card)) : h('p', { class: 'empty' }, 'No webhook yet.')],
  };
};
