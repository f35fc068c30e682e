import type { AssetImportError, AssetImportErrorCode } from '@parc/shared/api';
import { assetTypeLabel } from './asset-labels.js';
import { t } from './i18n/i18n.js';

/**
 * A row error of the asset import in the reader's language, from its code and params (the server's
 * `message` is English for API users). Every code is listed, so the type check keeps them complete. Pure.
 */
type Params = AssetImportError['params'];
const str = (p: Params, k: string) => String(p[k] ?? '');

const WORDING: Record<AssetImportErrorCode, (p: Params) => string> = {
  'too-long': (p) => t('assetImport.error.tooLong', { max: str(p, 'max') }),
  'name-required': () => t('assetImport.error.nameRequired'),
  'type-unknown': (p) => t('assetImport.error.typeUnknown', { value: str(p, 'value') }),
  'state-unknown': (p) => t('assetImport.error.stateUnknown', { value: str(p, 'value') }),
  'user-unknown': (p) => t('assetImport.error.userUnknown', { value: str(p, 'value') }),
  'date-invalid': (p) => t('assetImport.error.dateInvalid', { value: str(p, 'value') }),
  'date-not-a-day': (p) => t('assetImport.error.dateNotADay', { value: str(p, 'value') }),
  'cost-invalid': (p) => t('assetImport.error.costInvalid', { value: str(p, 'value') }),
  'cost-too-high': (p) => t('assetImport.error.costTooHigh', { value: str(p, 'value') }),
  'currency-invalid': (p) => t('assetImport.error.currencyInvalid', { value: str(p, 'value') }),
  'months-invalid': (p) => t('assetImport.error.monthsInvalid', { value: str(p, 'value') }),
  'months-out-of-range': (p) => t('assetImport.error.monthsOutOfRange', { value: str(p, 'value'), min: str(p, 'min'), max: str(p, 'max') }),
  'location-empty-level': (p) => t('assetImport.error.locationEmptyLevel', { value: str(p, 'value') }),
  'location-too-deep': (p) => t('assetImport.error.locationTooDeep', { value: str(p, 'value'), max: str(p, 'max') }),
  'location-name-too-long': (p) => t('assetImport.error.locationNameTooLong', { max: str(p, 'max') }),
  'location-ambiguous': (p) => t('assetImport.error.locationAmbiguous', { name: str(p, 'name') }),
  'tag-in-file-twice': (p) => t('assetImport.error.tagInFileTwice', { tag: str(p, 'tag'), row: str(p, 'row') }),
  'serial-in-file-twice': (p) => t('assetImport.error.serialInFileTwice', { serial: str(p, 'serial'), type: assetTypeLabel(str(p, 'type')), row: str(p, 'row') }),
  'tag-on-several-assets': (p) => t('assetImport.error.tagOnSeveralAssets', { tag: str(p, 'tag'), ids: str(p, 'ids') }),
  'serial-on-several-assets': (p) => t('assetImport.error.serialOnSeveralAssets', { serial: str(p, 'serial'), type: assetTypeLabel(str(p, 'type')), ids: str(p, 'ids') }),
  'rows-match-one-asset': (p) => t('assetImport.error.rowsMatchOneAsset', { row: str(p, 'row'), deviceId: str(p, 'deviceId') }),
};

/** The error as the interface shows it; a code this client does not know yet shows the server's English. */
export function importErrorText(e: Pick<AssetImportError, 'code' | 'params' | 'message'>): string {
  const word = (WORDING as Partial<Record<string, (p: Params) => string>>)[e.code];
  return word ? word(e.params) : e.message;
}
