import type { LicenceImportPreview, LicenceImportResult } from '@parc/shared/api';
import { LICENCE_CSV_COLUMNS } from '@parc/shared/api/licence-enums';
import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { formatCalendarDate, formatMoney, metricLabel } from '../licence-format.js';
import { licencesHref } from '../routes.js';
import { field, textarea } from '../ui/fields.js';
import { startBusy } from '../ui/busy.js';
import { flash } from '../ui/flash.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, clearMessage, showError } from '../ui/notice.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

/**
 * Licences from a spreadsheet: pick or paste a CSV, see every row as it would be created and every
 * problem by line, then import all of it (the API refuses the whole file while any line is wrong).
 */
export const licenceImportView: ViewFn = async ({ session, navigate }) => {
  if (!session.can.manageLicences) throw new Error(t('licences.managersOnly'));
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv' });
  const csv = textarea({ name: 'csv', rows: 8, spellcheck: 'false' });
  const errors = alertRegion();
  const result = h('div', { 'aria-live': 'polite' });
  const commit = h('button', { type: 'button', class: 'btn btn-primary', hidden: true }, t('licences.importForm.commit'));
  let previewed = 0;

  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void f.text().then((text) => ((csv.value = text), (commit.hidden = true)));
  });
  csv.addEventListener('input', () => (commit.hidden = true));

  const showPreview = (p: LicenceImportPreview) => {
    const rows = p.rows.map((r) => [
      String(r.line),
      r.product?.name ?? '—',
      r.licence ? metricLabel(r.licence.metric) : '—',
      r.licence?.quantity === null || r.licence?.quantity === undefined ? '—' : formatNumber(r.licence.quantity),
      r.licence ? `${formatCalendarDate(r.licence.startsOn)} → ${formatCalendarDate(r.licence.expiresOn)}` : '—',
      r.licence ? formatMoney(r.licence.unitCost, r.licence.currency) : '—',
      r.errors.length ? h('ul', { class: 'plain notice-error' }, r.errors.map((e) => h('li', null, e.column ? `${e.column}: ${e.message}` : e.message))) : t('licences.importForm.ok'),
    ]);
    const headerErrors = p.errors.filter((e) => e.line === 1);
    replace(result,
      h('p', { 'data-testid': 'import-summary' }, t('licences.importForm.summary', { valid: p.valid, invalid: p.invalid })),
      headerErrors.length ? h('ul', { class: 'notice notice-error' }, headerErrors.map((e) => h('li', null, t('licences.importForm.lineError', { line: e.line, message: e.column ? `${e.column}: ${e.message}` : e.message })))) : null,
      table(
        t('licences.importForm.caption'),
        [t('licences.importForm.line'), t('licences.field.product'), t('licences.field.metric'), t('licences.field.quantity'), t('licences.validity'), t('licences.field.unitCost'), t('licences.importForm.problems')],
        rows,
        { empty: t('licences.importForm.noRows') },
      ),
    );
    commit.hidden = p.invalid > 0 || p.errors.length > 0 || p.valid === 0;
    previewed = p.valid;
  };

  const progress = h('div', { role: 'status' });
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': t('licences.importForm.label'), novalidate: true },
    errors,
    h('p', { class: 'muted' }, t('licences.importForm.columns', { columns: LICENCE_CSV_COLUMNS.join(', ') })),
    h('div', { class: 'field' }, h('label', { for: 'licence-csv-file' }, t('licences.importForm.file')), Object.assign(file, { id: 'licence-csv-file' })),
    field(t('licences.importForm.paste'), csv),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('licences.importForm.preview')), commit),
    progress,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearMessage(errors);
    if (!csv.value.trim()) return showError(errors, t('licences.importForm.empty'));
    api
      .post<LicenceImportPreview>('/api/v1/licences/import/preview', { csv: csv.value })
      .then(showPreview)
      .catch((err: unknown) => showError(errors, err, form));
  });
  commit.addEventListener('click', () => {
    // The count is the preview's: what the server is now writing, in one transaction.
    const busy = startBusy(commit, progress, t('licences.importForm.importing', { count: previewed }));
    api
      .post<LicenceImportResult>('/api/v1/licences/import', { csv: csv.value })
      .then((r) => {
        busy.end();
        flash(t('licences.importForm.done', { count: r.created }));
        navigate(licencesHref());
      })
      .catch((err: unknown) => {
        busy.end();
        showError(errors, err);
        // The file changed on the server's side (a product renamed…): preview again to see why.
        if (err instanceof ApiError && err.status === 400) commit.hidden = true;
      });
  });
  return { title: t('licences.importForm.title'), node: h('section', null, h('p', null, h('a', { href: licencesHref() }, t('licences.back'))), pageHeading(t('licences.importForm.title')), form, result) };
};
