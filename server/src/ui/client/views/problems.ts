import { PROBLEM_STATUSES } from '@parc/shared/api/itil-enums';
import { t } from '../i18n/i18n.js';
import { newProblemHref, problemHref, problemsHref } from '../routes.js';
import type { ProblemSummary } from '../types.js';
import { itilListView } from './itil-list.js';

/** The problems: the ticket list's filters and habits, with how many tickets and devices each gathers. */
export const problemsView = itilListView<ProblemSummary>(() => ({
  path: '/api/v1/problems',
  statuses: PROBLEM_STATUSES,
  title: t('itil.problems.title'),
  newLabel: t('itil.problems.new'),
  empty: t('itil.problems.empty'),
  listHref: problemsHref,
  itemHref: problemHref,
  newHref: newProblemHref(),
  columns: [t('itil.problems.column.tickets'), t('tickets.column.devices')],
  cells: (p) => [String(p.ticketCount), p.deviceIds.length ? t('tickets.deviceCount', { count: p.deviceIds.length }) : '—'],
}));
