import { h } from '../dom.js';
import type { SlaState } from '../types.js';
import { approvalStateLabel, assetStateLabel, priorityLabel, riskLabel, slaLabel, statusLabel } from '../format.js';
import { t } from '../i18n/i18n.js';

/**
 * Status, priority and SLA badges. Each carries its meaning in words (and a symbol for SLA), the colour
 * only repeats it, so nothing depends on telling colours apart.
 */

/** A ticket's, problem's or change's status (the three kinds share one set of labels). */
export const statusBadge = (status: string) => h('span', { class: ['badge', `status-${status}`] }, statusLabel(status));

/** A change's risk: words first, the colour repeats them. */
export const riskBadge = (risk: string) => h('span', { class: ['badge', `risk-${risk}`] }, riskLabel(risk));

/** Where an approval stands (an object's, a round's, or one approver's). */
export const approvalBadge = (state: string) => h('span', { class: ['badge', `approval-${state}`] }, approvalStateLabel(state));

export const priorityBadge = (priority: number) =>
  h('span', { class: ['badge', `priority-${priority}`], title: t('format.priority.title', { n: priority }) }, priorityLabel(priority));

/** The six priorities side by side, lowest first: what each colour means, under lists that show them. */
export const priorityLegend = () =>
  h('p', { class: 'priority-legend small muted', 'aria-label': t('format.priority.legend') }, t('format.priority.legend'), [1, 2, 3, 4, 5, 6].map((n) => priorityBadge(n)));

const SLA_SYMBOL: Record<SlaState, string> = { 'on-track': '✓', 'at-risk': '!', breached: '✕', met: '✓', none: '' };

/** No SLA is not a state to flag: plain muted text rather than a badge. */
export const slaBadge = (state: SlaState) =>
  state === 'none'
    ? h('span', { class: 'muted small' }, slaLabel(state))
    : h('span', { class: ['badge', `sla-${state}`] }, h('span', { 'aria-hidden': 'true', class: 'badge-symbol' }, SLA_SYMBOL[state]), slaLabel(state));

/** An asset's state; a device in use that stopped reporting shows as stale (the colour only repeats the words). */
export const deviceStateBadge = (d: { state: string; stateLabel?: string | null; stale?: boolean }) =>
  d.stale ? h('span', { class: ['badge', 'device-stale'] }, assetStateLabel('stale')) : h('span', { class: ['badge', `device-${d.state.replace(/_/g, '-')}`] }, assetStateLabel(d.state, d.stateLabel));

/** "Private" next to followups and tasks requesters cannot see. */
export const privateBadge = () => h('span', { class: 'badge private' }, t('common.private'));
