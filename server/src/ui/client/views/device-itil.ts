import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/i18n.js';
import type { Session } from '../session.js';
import type { DeviceItil } from '../types.js';
import { loadFailed } from '../ui/notice.js';
import { refsTable } from './itil-page.js';

/**
 * The problems and changes a device is linked to, beside its tickets: a technician looking at a machine
 * sees the known causes and the planned or applied changes. Helpdesk staff only (requesters never see
 * problems or changes); loaded on its own so the device page shows at once.
 */
export function deviceItilSections(deviceId: number, session: Session): HTMLElement | null {
  if (!session.can.workTickets) return null;
  const problemsId = uid('sec');
  const changesId = uid('sec');
  const problems = h('div', null);
  const changes = h('div', null);
  const problemsHeading = h('h2', { id: problemsId }, t('itil.nav.problems'));
  const changesHeading = h('h2', { id: changesId }, t('itil.nav.changes'));
  const load = () =>
    api
      .get<DeviceItil>(`/api/v1/devices/${deviceId}/itil`)
      .then((v) => {
        problemsHeading.textContent = t('itil.device.problems', { count: v.problems.length });
        changesHeading.textContent = t('itil.device.changes', { count: v.changes.length });
        replace(problems, refsTable(problemsHeading.textContent, v.problems, t('itil.device.noProblem')));
        replace(changes, refsTable(changesHeading.textContent, v.changes, t('itil.device.noChange')));
      })
      .catch((err: unknown) => replace(problems, loadFailed(err, () => void load())));
  void load();
  return h(
    'div',
    { class: 'device-cols device-itil' },
    h('section', { class: 'card', 'aria-labelledby': problemsId, 'data-testid': 'device-problems' }, problemsHeading, problems),
    h('section', { class: 'card', 'aria-labelledby': changesId, 'data-testid': 'device-changes' }, changesHeading, changes),
  );
}
