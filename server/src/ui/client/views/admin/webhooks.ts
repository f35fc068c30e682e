import type { CreateWebhookInput, PatchWebhookInput, WebhookEvent } from '@parc/shared/api';
import { WEBHOOK_EVENTS } from '@parc/shared/api/enums';
import { api } from '../../api.js';
import type { Webhook } from '../../admin-types.js';
import { h } from '../../dom.js';
import { t, type PlainKey } from '../../i18n/i18n.js';
import { checkbox, field, input } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion, showError } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

/** Every event a webhook can receive (the API's list, @parc/shared/api/enums), with its label's catalogue key. */
export const EVENT_LABELS: Record<WebhookEvent, PlainKey> = {
  'ticket.created': 'adminWebhooks.event.created',
  'ticket.assigned': 'adminWebhooks.event.assigned',
  'ticket.followup': 'adminWebhooks.event.followup',
  'ticket.solved': 'adminWebhooks.event.solved',
  'ticket.sla-at-risk': 'adminWebhooks.event.slaAtRisk',
  'licence.expiring': 'adminWebhooks.event.licenceExpiring',
  'licence.over-deployed': 'adminWebhooks.event.licenceOverDeployed',
  'asset.warranty-expiring': 'adminWebhooks.event.warrantyExpiring',
  'asset.contract-expiring': 'adminWebhooks.event.contractExpiring',
  'approval.requested': 'adminWebhooks.event.approvalRequested',
  'approval.settled': 'adminWebhooks.event.approvalSettled',
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
      { class: 'stack', 'aria-label': w ? t('adminWebhooks.change', { url: w.url }) : t('adminWebhooks.add.heading'), novalidate: true },
      errors,
      field(t('adminWebhooks.url'), url),
      h('fieldset', null, h('legend', null, t('adminWebhooks.events')), h('ul', { class: 'checklist' }, EVENTS.map(([, label], i) => h('li', null, field(t(label), boxes[i]!.box, { inline: true }))))),
      field(w?.hasSecret ? t('adminWebhooks.newSecret') : t('adminWebhooks.secret'), secret, {
        hint: w?.hasSecret ? t('adminWebhooks.secretSetHint') : t('adminWebhooks.secretHint'),
      }),
      removeSecret && field(t('adminWebhooks.removeSecret'), removeSecret, { inline: true }),
      field(t('admin.active'), active, { inline: true }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, w ? t('adminWebhooks.save') : t('adminWebhooks.add.submit'))),
    );
    onSubmit(el, errors, async () => {
      const body = { url: url.value, events: boxes.filter((b) => b.box.checked).map((b) => b.value), active: active.checked, ...(secret.value ? { secret: secret.value } : {}) };
      if (w) await api.patch(`/api/v1/webhooks/${w.id}`, { ...body, ...(!secret.value && removeSecret?.checked ? { secret: null } : {}) } satisfies PatchWebhookInput);
      else await api.post('/api/v1/webhooks', body satisfies CreateWebhookInput);
      flash(w ? t('adminWebhooks.saved') : t('adminWebhooks.added'));
      reload();
    });
    return el;
  };

  const remove = (w: Webhook) => {
    if (!window.confirm(t('adminWebhooks.deleteConfirm', { url: w.url }))) return;
    api
      .delete(`/api/v1/webhooks/${w.id}`)
      .then(() => {
        flash(t('adminWebhooks.deleted'));
        reload();
      })
      .catch((err: unknown) => showError(listErrors, err));
  };

  const card = (w: Webhook) =>
    h(
      'li',
      { class: 'card' },
      h(
        'p',
        { class: 'rule-head' },
        h('code', null, w.url),
        h('span', { class: ['badge', w.active ? 'status-assigned' : 'status-closed'] }, w.active ? t('admin.active') : t('admin.inactive')),
        w.hasSecret ? h('span', { class: 'badge' }, t('adminWebhooks.signed')) : h('span', { class: 'muted small' }, t('adminWebhooks.unsigned')),
      ),
      h('p', { class: 'small' }, t('adminWebhooks.eventList', { events: w.events.map((e) => t(EVENT_LABELS[e])).join(', ') })),
      h('details', null, h('summary', null, t('admin.edit'), h('span', { class: 'visually-hidden' }, ` ${t('adminWebhooks.editLabel', { url: w.url })}`)), form(w)),
      h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': t('adminWebhooks.deleteLabel', { url: w.url }), on: { click: () => remove(w) } }, t('admin.delete')),
    );

  return {
    title: t('adminWebhooks.title'),
    body: [
      h('section', { class: 'card', 'aria-label': t('adminWebhooks.add.heading') }, h('h2', null, t('adminWebhooks.add.heading')), form(null)),
      listErrors,
      items.length ? h('ul', { class: 'plain stack' }, items.map(card)) : h('p', { class: 'empty' }, t('adminWebhooks.empty')),
    ],
  };
};
