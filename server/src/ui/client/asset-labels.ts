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

/** The asset list's tab for each type, naming many ("Monitors"). */
export const TYPE_TAB_LABEL: Record<AssetType, PlainKey> = {
  computer: 'assets.tab.computer',
  monitor: 'assets.tab.monitor',
  printer: 'assets.tab.printer',
  phone: 'assets.tab.phone',
  network: 'assets.tab.network',
  peripheral: 'assets.tab.peripheral',
  other: 'assets.tab.other',
};
