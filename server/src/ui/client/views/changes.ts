import { CHANGE_STATUSES } from '@parc/shared/api/itil-enums';
import { h } from '../dom.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/i18n.js';
import { changeHref, changesHref, newChangeHref } from '../routes.js';
import type { ChangeSummary } from '../types.js';
import { riskBadge } from '../ui/badges.js';
import { itilListView } from './itil-list.js';

/** The changes: the ticket list's filters and habits, with each change's risk, planned window and devices. */
export const changesView = itilListView<ChangeSummary>(() => ({
  path: '/api/v1/changes',
  statuses: CHANGE_STATUSES,
  title: t('itil.changes.title'),
  newLabel: t('itil.changes.new'),
  empty: t('itil.changes.empty'),
  listHref: changesHref,
  itemHref: changeHref,
  newHref: newChangeHref(),
  columns: [t('itil.change.risk'), t('itil.change.plannedStart'), t('tickets.column.devices')],
  cells: (c) => [
    riskBadge(c.risk),
    c.plannedStart ? h('time', { datetime: c.plannedStart }, formatDateTime(c.plannedStart)) : '—',
    c.deviceIds.length ? t('tickets.deviceCount', { count: c.deviceIds.length }) : '—',
  ],
}));
