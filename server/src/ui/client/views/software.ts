import type { SoftwareList } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { atOffset } from '../filters.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { softwareHref, softwareProductHref, softwareRulesHref } from '../routes.js';
import { field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

/** The software catalogue: products as the dictionary counts them, with devices per product and per version. */
export const softwareView: ViewFn = async ({ route, navigate }) => {
  const q = route.query;
  const licensable = q.licensable === 'true' || q.licensable === 'false' ? q.licensable : undefined;
  const list = await api.get<SoftwareList>('/api/v1/software', {
    search: q.search || undefined,
    licensable,
    category: q.category || undefined,
    offset: Number(q.offset) > 0 ? Number(q.offset) : undefined,
  });

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('software.filter') },
    field(t('common.search'), input({ name: 'search', type: 'search', value: q.search ?? '', placeholder: t('software.searchPlaceholder') }), { class: 'grow' }),
    field(t('software.field.licensable'), select('licensable', [['', t('software.any')], ['true', t('software.licensableYes')], ['false', t('software.licensableNo')]], licensable ?? '')),
    field(t('software.field.category'), input({ name: 'category', value: q.category ?? '' })),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')), h('a', { class: 'btn btn-quiet', href: softwareHref() }, t('common.reset'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') next[k] = v.trim();
    navigate(softwareHref(next));
  });

  const versionsOf = (versions: SoftwareList['items'][number]['versions']) =>
    versions.length === 0
      ? '—'
      : h(
          'ul',
          { class: 'plain small' },
          versions.slice(0, 5).map((v) => h('li', null, t('software.versionCount', { version: v.version, count: v.installCount }))),
          versions.length > 5 ? h('li', { class: 'muted' }, t('software.moreVersions', { count: versions.length - 5 })) : null,
        );
  const rows = list.items.map((p) => [
    h('a', { href: softwareProductHref(p.id), class: 'strong' }, p.name),
    p.publisher ?? '—',
    p.category ?? '—',
    p.licensable ? t('software.licensableYes') : t('software.licensableNo'),
    formatNumber(p.installCount),
    versionsOf(p.versions),
  ]);
  return {
    title: t('software.title'),
    node: h(
      'section',
      null,
      pageHeading(t('software.title'), h('a', { class: 'btn btn-quiet', href: softwareRulesHref() }, t('software.rulesLink'))),
      form,
      table(
        t('software.caption', { count: list.total }),
        [t('software.field.name'), t('software.field.publisher'), t('software.field.category'), t('software.field.licensable'), t('software.field.devices'), t('software.field.versions')],
        rows,
        { empty: t('software.empty') },
      ),
      pager(list.offset, list.items.length, list.total, list.limit, (offset) => softwareHref(atOffset(q, offset))),
    ),
  };
};
