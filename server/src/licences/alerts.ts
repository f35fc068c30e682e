import type { ComplianceItem } from '@parc/shared/api';

/**
 * Licence alerts, pure: what to tell licence managers, and which over-deployments are news. Sending once
 * per event is the repository's job (the alert's key is stored with it, under a primary key).
 */

export interface ExpiringLicence {
  id: number;
  product: string;
  reference: string | null;
  vendor: string | null;
  quantity: number | null;
  expiresOn: string;
}

export interface Alert {
  type: 'licence.expiring' | 'licence.over-deployed';
  /** What makes it one event: the same key is never sent twice. */
  key: string;
  summary: string;
  data: Record<string, unknown>;
}

/** A licence's expiry is one event per licence and date: moving the date (a renewal) makes a new one. */
export function expiringAlert(l: ExpiringLicence, today: string): Alert {
  const days = Math.round((Date.parse(`${l.expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const what = [l.reference, l.vendor].filter(Boolean).join(', ');
  return {
    type: 'licence.expiring',
    key: `${l.id}:${l.expiresOn}`,
    summary: `Licence of ${l.product}${what ? ` (${what})` : ''} expires on ${l.expiresOn}`,
    data: {
      licenceId: l.id,
      product: l.product,
      reference: l.reference,
      vendor: l.vendor,
      expiresOn: l.expiresOn,
      daysLeft: Math.max(0, days),
      quantity: l.quantity,
      detail: days <= 0 ? 'Its last valid day is today: renew it or plan the removals.' : `${days} day(s) left: renew it or plan the removals.`,
    },
  };
}

export function overDeployedAlert(i: ComplianceItem, since: string): Alert {
  const cost = i.trueUpCost !== null && i.trueUpCost > 0 ? `; true-up ${i.trueUpCost} ${i.currency ?? ''}`.trimEnd() : '';
  return {
    type: 'licence.over-deployed',
    key: `${i.productId}:${since}`,
    summary: `${i.product} is over-deployed: ${i.installed} installed, ${i.owned ?? 'unlimited'} owned`,
    data: {
      productId: i.productId,
      product: i.product,
      installed: i.installed,
      owned: i.owned,
      shortfall: i.shortfall,
      trueUpCost: i.trueUpCost,
      currency: i.currency,
      metric: i.metric,
      detail: `${i.shortfall} ${i.metric === 'user' ? 'user(s)' : 'device(s)'} beyond the owned licences${cost}.`,
    },
  };
}

/** Products that became over-deployed since the last check, and those that no longer are. */
export function overDeployedChanges(now: ReadonlySet<number>, before: ReadonlySet<number>): { entered: number[]; left: number[] } {
  return {
    entered: [...now].filter((id) => !before.has(id)).sort((a, b) => a - b),
    left: [...before].filter((id) => !now.has(id)).sort((a, b) => a - b),
  };
}
