import type { AssetImportField, AssetImportReport, AssetImportRow } from '@parc/shared/api';
import { api, ApiError } from '../api.js';
import { importErrorText } from '../asset-import-errors.js';
import { h, replace } from '../dom.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { assetImportHref, deviceHref, devicesHref } from '../routes.js';
import { startBusy } from '../ui/busy.js';
import { field, select, textarea } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, clearMessage, showError } from '../ui/notice.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

/**
 * Assets from a spreadsheet, in three steps: the file (chosen or pasted), the column mapping (the
 * server's guess preselected, one select per column), and the preview of every row (create, update,
 * unchanged, or its errors by row and column). "Import" writes the valid rows and skips the others; the
 * answer links to what was written.
 */

type AssetType = AssetImportReport['defaultType'];
const TYPES: readonly AssetType[] = ['computer', 'monitor', 'printer', 'phone', 'network', 'peripheral', 'other'];

const TYPE_LABEL: Record<AssetType, PlainKey> = {
  computer: 'assetImport.type.computer',
  monitor: 'assetImport.type.monitor',
  printer: 'assetImport.type.printer',
  phone: 'assetImport.type.phone',
  network: 'assetImport.type.network',
  peripheral: 'assetImport.type.peripheral',
  other: 'assetImport.type.other',
};

const FIELD_LABEL: Record<AssetImportField, PlainKey> = {
  type: 'assetImport.field.type',
  name: 'assetImport.field.name',
  manufacturer: 'assetImport.field.manufacturer',
  model: 'assetImport.field.model',
  serial: 'assetImport.field.serial',
  assetTag: 'assetImport.field.assetTag',
  notes: 'assetImport.field.notes',
  state: 'assetImport.field.state',
  location: 'assetImport.field.location',
  user: 'assetImport.field.user',
  purchaseDate: 'assetImport.field.purchaseDate',
  orderNumber: 'assetImport.field.orderNumber',
  invoiceNumber: 'assetImport.field.invoiceNumber',
  supplier: 'assetImport.field.supplier',
  cost: 'assetImport.field.cost',
  currency: 'assetImport.field.currency',
  warrantyStart: 'assetImport.field.warrantyStart',
  warrantyMonths: 'assetImport.field.warrantyMonths',
  depreciationMonths: 'assetImport.field.depreciationMonths',
};

const OUTCOME_LABEL: Record<AssetImportRow['outcome'], PlainKey> = {
  create: 'assetImport.outcome.create',
  update: 'assetImport.outcome.update',
  unchanged: 'assetImport.outcome.unchanged',
  error: 'assetImport.outcome.error',
};

/** Rows listed in full: beyond, the totals and the error list say it all and the page stays light. */
const ROWS_SHOWN = 300;

export const assetImportView: ViewFn = async ({ session }) => {
  if (!session.can.editDevices) throw new Error(t('assetImport.staffOnly'));
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', id: 'asset-csv-file' });
  const csv = textarea({ name: 'csv', rows: 8, spellcheck: 'false' });
  const defaultType = select('defaultType', TYPES.map((ty) => [ty, t(TYPE_LABEL[ty])] as const), 'computer');
  const errors = alertRegion();
  const mappingArea = h('div', null);
  const previewArea = h('div', { 'aria-live': 'polite' });
  const progress = h('div', { role: 'status' });
  const commit = h('button', { type: 'button', class: 'btn btn-primary', disabled: true, 'data-testid': 'asset-import-commit' }, t('assetImport.commit', { count: 0 }));
  let mappingSelects: HTMLSelectElement[] = [];
  let current: AssetImportReport | null = null;

  const reset = () => {
    current = null;
    mappingSelects = [];
    replace(mappingArea);
    replace(previewArea);
    commit.disabled = true;
  };
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void f.text().then((text) => ((csv.value = text), reset()));
  });
  csv.addEventListener('input', reset);
  defaultType.addEventListener('change', () => (commit.disabled = true));

  const body = (withMapping: boolean) => ({
    csv: csv.value,
    defaultType: defaultType.value as AssetType,
    ...(withMapping && mappingSelects.length ? { mapping: mappingSelects.map((s) => (s.value === '' ? null : (s.value as AssetImportField))) } : {}),
  });

  const showMapping = (r: AssetImportReport) => {
    const options = [['', t('assetImport.ignore')] as const, ...r.fields.map((f) => [f, t(FIELD_LABEL[f])] as const)];
    mappingSelects = r.columns.map((c, i) => select(`map-${i}`, options, r.mapping[i] ?? '', { 'aria-label': c || `#${i + 1}` }));
    mappingSelects.forEach((s) => s.addEventListener('change', () => (commit.disabled = true)));
    const refresh = h('button', { type: 'button', class: 'btn' }, t('assetImport.refresh'));
    refresh.addEventListener('click', () => run(true));
    replace(
      mappingArea,
      h('h2', null, t('assetImport.step.mapping')),
      h('p', { class: 'muted' }, t('assetImport.mappingHelp')),
      table(t('assetImport.mappingLabel'), [t('assetImport.column'), t('assetImport.feeds')], r.columns.map((c, i) => [c, mappingSelects[i]!])),
      h('div', { class: 'form-actions' }, refresh),
    );
  };

  const rowErrors = (r: AssetImportReport) =>
    r.rows.flatMap((row) => row.errors.map((e) => [String(row.row), e.column ?? t('assetImport.wholeRow'), importErrorText(e)] as const));

  const showPreview = (r: AssetImportReport) => {
    current = r;
    const errorRows = rowErrors(r);
    const shown = r.rows.slice(0, ROWS_SHOWN);
    replace(
      previewArea,
      h('h2', null, t('assetImport.step.preview')),
      h('p', { 'data-testid': 'asset-import-summary' }, t('assetImport.summary', r.totals)),
      r.newLocations.length ? h('p', { class: 'muted' }, t('assetImport.newLocations', { paths: r.newLocations.join(', ') })) : null,
      errorRows.length ? h('div', { 'data-testid': 'asset-import-errors' }, table(t('assetImport.errorsCaption'), [t('assetImport.row'), t('assetImport.column'), t('assetImport.message')], errorRows)) : null,
      table(
        t('assetImport.rowsCaption'),
        [t('assetImport.row'), t('assetImport.outcome'), t('assetImport.field.name'), t('assetImport.field.type'), t('assetImport.field.assetTag'), t('assetImport.field.serial'), t('assetImport.changes')],
        shown.map((row) => [
          String(row.row),
          h('span', { class: row.outcome === 'error' ? 'notice-error' : undefined }, t(OUTCOME_LABEL[row.outcome])),
          row.name ?? '—',
          row.type ? t(TYPE_LABEL[row.type]) : '—',
          row.assetTag ?? '—',
          row.serial ?? '—',
          row.outcome === 'error' ? row.errors.map(importErrorText).join('; ') : row.changes.map((f) => t(FIELD_LABEL[f])).join(', ') || '—',
        ]),
      ),
      r.rows.length > ROWS_SHOWN ? h('p', { class: 'muted' }, t('assetImport.rowsCut', { shown: ROWS_SHOWN, total: r.rows.length })) : null,
      h('div', { class: 'form-actions' }, commit),
      progress,
    );
    const count = r.totals.create + r.totals.update;
    commit.textContent = t('assetImport.commit', { count });
    commit.disabled = count === 0;
  };

  const run = (withMapping: boolean) => {
    clearMessage(errors);
    if (!csv.value.trim()) return showError(errors, t('assetImport.empty'));
    api
      .post<AssetImportReport>('/api/v1/assets/import/preview', body(withMapping))
      .then((r) => {
        showMapping(r);
        showPreview(r);
      })
      .catch((err: unknown) => showError(errors, err, form));
  };

  const showResult = (r: AssetImportReport) => {
    const written = r.rows.filter((row) => (row.outcome === 'create' || row.outcome === 'update') && row.deviceId !== null);
    replace(mappingArea);
    replace(
      previewArea,
      h('p', { class: 'notice notice-success', 'data-testid': 'asset-import-done' }, t('assetImport.done', r.totals)),
      table(
        t('assetImport.resultCaption'),
        [t('assetImport.row'), t('assetImport.outcome'), t('assetImport.field.name'), t('assetImport.field.assetTag')],
        written.slice(0, ROWS_SHOWN).map((row) => [String(row.row), t(OUTCOME_LABEL[row.outcome]), h('a', { href: deviceHref(row.deviceId!) }, row.name ?? `#${row.deviceId}`), row.assetTag ?? '—']),
      ),
      h('p', null, h('a', { class: 'btn', href: devicesHref() }, t('assetImport.seeDevices')), ' ', h('a', { class: 'btn', href: assetImportHref(), 'data-testid': 'asset-import-again' }, t('assetImport.another'))),
    );
    csv.value = '';
    file.value = '';
  };

  commit.addEventListener('click', () => {
    if (!current) return;
    const count = current.totals.create + current.totals.update;
    const busy = startBusy(commit, progress, t('assetImport.importing', { count }));
    api
      .post<AssetImportReport>('/api/v1/assets/import', { ...body(true), previewId: current.previewId })
      .then((r) => {
        busy.end();
        showResult(r);
      })
      .catch((err: unknown) => {
        busy.end();
        if (err instanceof ApiError && err.status === 409) {
          // Someone changed the assets meanwhile: show the fresh preview and say why.
          run(true);
          showError(errors, t('assetImport.stale'));
        } else showError(errors, err);
      });
  });

  const form = h(
    'form',
    { class: 'card stack', 'aria-label': t('assetImport.title'), novalidate: true },
    errors,
    h('h2', null, t('assetImport.step.file')),
    h('p', { class: 'muted' }, t('assetImport.intro')),
    h('div', { class: 'field' }, h('label', { for: 'asset-csv-file' }, t('assetImport.file')), file),
    field(t('assetImport.paste'), csv),
    field(t('assetImport.defaultType'), defaultType),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('assetImport.analyse'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(false);
  });
  return {
    title: t('assetImport.title'),
    node: h('section', null, h('p', null, h('a', { href: devicesHref() }, t('assetImport.back'))), pageHeading(t('assetImport.title')), form, mappingArea, previewArea),
  };
};
