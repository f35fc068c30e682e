import { daysBetween } from '../finance/finance-math.js';

/**
 * Asset register alerts, pure: what to tell admins and technicians about a warranty or a maintenance
 * contract coming to its end. Sending once is the repository's job (the key is stored under a primary key).
 */

export interface AssetAlert {
  type: 'asset.warranty-expiring' | 'asset.contract-expiring';
  kind: 'warranty-expiring' | 'contract-expiring';
  /** One event per asset (or contract) and end date: a new end date (an extension, a renewal) is a new event. */
  key: string;
  summary: string;
  data: Record<string, unknown>;
}

export interface EndingWarranty {
  deviceId: number;
  hostname: string;
  assetTag: string | null;
  /** First day no longer covered. */
  endsOn: string;
}

export function warrantyAlert(w: EndingWarranty, today: string): AssetAlert {
  const days = Math.max(0, daysBetween(today, w.endsOn));
  const name = w.assetTag ? `${w.hostname} (${w.assetTag})` : w.hostname;
  return {
    type: 'asset.warranty-expiring',
    kind: 'warranty-expiring',
    key: `${w.deviceId}:${w.endsOn}`,
    summary: `Warranty of ${name} ends on ${w.endsOn}`,
    data: { deviceId: w.deviceId, name, endsOn: w.endsOn, daysLeft: days, detail: `${days} day(s) left: extend it or plan a replacement.` },
  };
}

export interface EndingContract {
  contractId: number;
  name: string;
  supplier: string | null;
  /** Last day of the contract. */
  endsOn: string;
  devices: number;
}

export function contractAlert(c: EndingContract, today: string): AssetAlert {
  const days = Math.max(0, daysBetween(today, c.endsOn));
  const name = c.supplier ? `${c.name} (${c.supplier})` : c.name;
  return {
    type: 'asset.contract-expiring',
    kind: 'contract-expiring',
    key: `${c.contractId}:${c.endsOn}`,
    summary: `Maintenance contract ${name} ends on ${c.endsOn}`,
    data: { contractId: c.contractId, name, endsOn: c.endsOn, daysLeft: days, devices: c.devices, detail: `${days} day(s) left: renew it or let it end.` },
  };
}
