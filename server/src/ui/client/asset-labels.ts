import type { AssetSource, AssetType } from '@parc/shared/api/asset-enums';
import { t, type PlainKey } from './i18n/i18n.js';

/** Asset types and sources in the reader's language. Every type and source is listed, so the type check keeps them complete. */
const TYPE_LABELS: Record<AssetType, PlainKey> = {
  computer: 'assetRegister.type.computer',
  monitor: 'assetRegister.type.monitor',
  printer: 'assetRegister.type.printer',
  phone: 'assetRegister.type.phone',
  network: 'assetRegister.type.network',
  peripheral: 'assetRegister.type.peripheral',
  other: 'assetRegister.type.other',
};
const SOURCE_LABELS: Record<AssetSource, PlainKey> = {
  agent: 'assetRegister.source.agent',
  manual: 'assetRegister.source.manual',
  discovered: 'assetRegister.source.discovered',
};

/** "Monitor", "Écran"; an unknown type (a newer server) as the server names it. */
export const assetTypeLabel = (type: string) => (type in TYPE_LABELS ? t(TYPE_LABELS[type as AssetType]) : type);
export const assetSourceLabel = (source: string) => (source in SOURCE_LABELS ? t(SOURCE_LABELS[source as AssetSource]) : source);

import type { AssetTypeCode } from '@parc/shared/api/asset-search-enums';

/** Words for the register's codes: asset types (one, and the tab naming many) and built-in states. */

export const TYPE_LABEL: Record<AssetTypeCode, PlainKey> = {
  computer: 'assets.type.computer',
  monitor: 'assets.type.monitor',
  printer: 'assets.type.printer',
  phone: 'assets.type.phone',
  network: 'assets.type.network',
  peripheral: 'assets.type.peripheral',
  other: 'assets.type.other',
};

export const TYPE_TAB_LABEL: Record<AssetTypeCode, PlainKey> = {
  computer: 'assets.tab.computer',
  monitor: 'assets.tab.monitor',
  printer: 'assets.tab.printer',
  phone: 'assets.tab.phone',
  network: 'assets.tab.network',
  peripheral: 'assets.tab.peripheral',
  other: 'assets.tab.other',
};

const BUILTIN_STATE_LABEL: Readonly<Record<string, PlainKey>> = {
  in_stock: 'assets.state.in_stock',
  in_use: 'assets.state.in_use',
  in_repair: 'assets.state.in_repair',
  lent: 'assets.state.lent',
  retired: 'assets.state.retired',
  lost: 'assets.state.lost',
};

export const typeLabel = (type: string): string => (type in TYPE_LABEL ? t(TYPE_LABEL[type as AssetTypeCode]) : type);

/** A built-in state in the reader's language; an admin-added one by its label (its code if none is known). */
export function stateLabel(code: string, label?: string | null): string {
  const key = BUILTIN_STATE_LABEL[code];
  return key ? t(key) : (label ?? code);
}
