import type { ComplianceStatus, DeviceState, LicenceMetric, LicenceState } from '@parc/shared/api/licence-enums';
import { intlLocale, t, type PlainKey } from './i18n/i18n.js';
import { h } from './dom.js';

/** Labels and badges shared by the licence, software and compliance screens. */

const STATUS: Record<ComplianceStatus, PlainKey> = {
  'over-deployed': 'compliance.status.overDeployed',
  unlicensed: 'compliance.status.unlicensed',
  'under-used': 'compliance.status.underUsed',
  compliant: 'compliance.status.compliant',
};
const METRIC: Record<LicenceMetric, PlainKey> = { device: 'licences.metric.device', user: 'licences.metric.user', site: 'licences.metric.site' };
const LICENCE_STATE: Record<LicenceState, PlainKey> = { active: 'licences.state.active', expired: 'licences.state.expired', future: 'licences.state.future' };
const DEVICE_STATE: Record<DeviceState, PlainKey> = {
  in_use: 'compliance.deviceState.active',
  stale: 'compliance.deviceState.stale',
  in_stock: 'compliance.deviceState.inStock',
  in_repair: 'compliance.deviceState.inRepair',
  lent: 'compliance.deviceState.lent',
  retired: 'compliance.deviceState.retired',
  lost: 'compliance.deviceState.lost',
};

const from = <K extends string>(table: Record<K, PlainKey>, value: string) => (Object.hasOwn(table, value) ? t(table[value as K]) : value);

export const complianceStatusLabel = (s: string) => from(STATUS, s);
export const metricLabel = (m: string) => from(METRIC, m);
export const licenceStateLabel = (s: string) => from(LICENCE_STATE, s);
export const deviceStateLabel = (s: string) => from(DEVICE_STATE, s);

/** The status in words; the colour only repeats it. */
export const complianceBadge = (s: string) => h('span', { class: ['badge', `compliance-${s}`] }, complianceStatusLabel(s));

/** An amount in its currency (or a plain number when the currency is unknown). */
export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  if (!currency) return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 2 }).format(amount);
  try {
    return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

/** A calendar date (`YYYY-MM-DD`) as the reader writes dates, without a time-zone shift. */
export function formatCalendarDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Installed / owned" with the unlimited case of a site licence. */
export const ownedLabel = (owned: number | null) => (owned === null ? t('compliance.unlimited') : new Intl.NumberFormat(intlLocale()).format(owned));
