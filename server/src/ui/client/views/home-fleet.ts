import type { AssetTotals, FleetHome } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatNumber } from '../format.js';
import { agentVersionLabel, lastSeenLabel, osName, rejectionLabel } from '../home-logic.js';
import { t } from '../i18n/i18n.js';
import { devicesHref, ticketsHref } from '../routes.js';
import { barChart, type Bar } from '../ui/bar-chart.js';
import { pageHeading } from '../ui/heading.js';
import { table } from '../ui/table.js';
import type { View } from '../view.js';
import { tiles } from './home-parts.js';
import { assetTotalsCards } from './asset-totals.js';

const SEEN_TONE = { day: 'accent', week: 'accent', month: 'warn', quarter: 'warn', older: 'bad' } as const;

/** An admin's home: the fleet at a glance (what reports, what runs, what went wrong) and the helpdesk's way in. */
export async function fleetHomeView(): Promise<View> {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [home, assetTotals] = await Promise.all([api.get<FleetHome>('/api/v1/home/fleet', { timeZone }), api.get<AssetTotals>('/api/v1/assets/totals')]);
  const inUse = home.devices.total - home.devices.retired;
  const withOther = (bars: Bar[], other: number) => (other > 0 ? [...bars, { label: t('home.fleet.other'), value: other, tone: 'muted' as const }] : bars);

  const os = barChart({
    id: 'fleet-os',
    heading: t('home.fleet.byOs'),
    summary: t('home.fleet.byOsSummary', { count: inUse, kinds: home.byOs.items.length + (home.byOs.otherCount > 0 ? 1 : 0) }),
    measure: t('home.measure.devices'),
    category: t('home.fleet.os'),
    showNumbers: t('home.chart.showNumbers'),
    bars: withOther(home.byOs.items.map((o) => ({ label: osName(o), value: o.count })), home.byOs.otherCount),
  });
  const seen = barChart({
    id: 'fleet-seen',
    heading: t('home.fleet.lastSeen'),
    summary: t('home.fleet.lastSeenSummary', { count: inUse, stale: home.devices.stale, days: home.staleDays }),
    measure: t('home.measure.devices'),
    category: t('home.fleet.lastSeenColumn'),
    showNumbers: t('home.chart.showNumbers'),
    bars: home.lastSeen.map((b) => ({ label: lastSeenLabel(b.bucket), value: b.count, tone: SEEN_TONE[b.bucket] })),
  });
  const agentCount = home.agentsByVersion.items.reduce((a, v) => a + v.count, home.agentsByVersion.otherCount);
  const agents = barChart({
    id: 'fleet-agents',
    heading: t('home.fleet.agents'),
    summary: t('home.fleet.agentsSummary', { count: agentCount }),
    measure: t('home.measure.agents'),
    category: t('home.fleet.versionColumn'),
    showNumbers: t('home.chart.showNumbers'),
    bars: withOther(home.agentsByVersion.items.map((v) => ({ label: agentVersionLabel(v.version), value: v.count })), home.agentsByVersion.otherCount),
  });
  const rejected = h(
    'section',
    { class: 'card', 'aria-labelledby': 'fleet-rejected-heading', 'data-testid': 'fleet-rejected' },
    h('h2', { id: 'fleet-rejected-heading' }, t('home.fleet.rejected')),
    h('p', { class: 'small' }, t('home.fleet.rejectedSummary', { today: home.rejectedUploads.today, week: home.rejectedUploads.last7Days })),
    table(
      t('home.fleet.rejected'),
      [t('home.fleet.reasonColumn'), t('home.fleet.today'), t('home.fleet.last7Days')],
      home.rejectedUploads.byReason.map((r) => [rejectionLabel(r.reason), formatNumber(r.today), formatNumber(r.last7Days)]),
      { hideCaption: true },
    ),
  );

  return {
    title: t('home.fleet.title'),
    node: h(
      'section',
      { class: 'home' },
      pageHeading(t('home.fleet.title'), h('a', { class: 'btn', href: ticketsHref({ status: 'open' }) }, t('home.fleet.openTickets'))),
      tiles(t('home.figures'), [
        { label: t('home.fleet.tile.devices'), value: inUse, href: devicesHref(), testid: 'tile-devices' },
        { label: t('home.fleet.tile.stale', { days: home.staleDays }), value: home.devices.stale, href: devicesHref({ stale: 'true' }), tone: 'warn', testid: 'tile-stale' },
        { label: t('home.fleet.tile.inventoriesToday'), value: home.inventoriesToday.devices, testid: 'tile-today' },
        { label: t('home.fleet.tile.rejectedToday'), value: home.rejectedUploads.today, tone: 'bad', testid: 'tile-rejected' },
        { label: t('home.fleet.tile.conflicts'), value: home.openConflicts, tone: 'warn', testid: 'tile-conflicts' },
      ]),
      h('p', { class: 'small muted' }, t('home.fleet.todayNote', { changed: home.inventoriesToday.changed, devices: home.inventoriesToday.devices })),
      h('div', { class: 'home-grid' }, os, seen, agents, rejected),
      h('div', { class: 'home-grid asset-totals-grid', 'aria-label': t('assets.totals.summary', { count: assetTotals.total }), role: 'group' }, assetTotalsCards(assetTotals)),
    ),
  };
}
