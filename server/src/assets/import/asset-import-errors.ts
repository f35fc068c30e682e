import type { AssetImportError, AssetImportErrorCode, AssetImportField } from '@parc/shared/api';

/**
 * The import's row errors: a stable code and its params (the web client words them in the user's
 * language), and the English message API users read, worded here once. Pure.
 */

export type ProblemParams = Record<string, string | number>;
export interface ImportProblem {
  code: AssetImportErrorCode;
  params: ProblemParams;
}

export const problem = (code: AssetImportErrorCode, params: ProblemParams = {}): ImportProblem => ({ code, params });

const ENGLISH: Record<AssetImportErrorCode, (p: ProblemParams) => string> = {
  'too-long': (p) => `longer than ${p.max} characters`,
  'name-required': () => 'the name is required',
  'type-unknown': (p) => `"${p.value}" is not an asset type; use computer, monitor, printer, phone, network, peripheral or other (or their French names)`,
  'state-unknown': (p) => `"${p.value}" is not a state; use in stock, in use, in repair, lent, retired, lost, or a state an administrator added`,
  'user-unknown': (p) => `no user "${p.value}" (give an existing user's username or email)`,
  'date-invalid': (p) => `"${p.value}" is not a date; write it yyyy-mm-dd or dd/mm/yyyy`,
  'date-not-a-day': (p) => `"${p.value}" is not a day of the calendar`,
  'cost-invalid': (p) => `"${p.value}" is not an amount; write it like 1234.50 or 1 234,50`,
  'cost-too-high': (p) => `${p.value} is more than an asset costs`,
  'currency-invalid': (p) => `"${p.value}" is not a currency; write its three-letter code (EUR, USD…)`,
  'months-invalid': (p) => `"${p.value}" is not a number of months`,
  'months-out-of-range': (p) => `${p.value} months is out of range (${p.min} to ${p.max})`,
  'location-empty-level': (p) => `"${p.value}" has an empty level; write Site / Building / Floor / Room`,
  'location-too-deep': (p) => `"${p.value}" has more than ${p.max} levels`,
  'location-name-too-long': (p) => `a location name is longer than ${p.max} characters`,
  'location-ambiguous': (p) => `several locations are named "${p.name}"; write its path (Site / Building / …)`,
  'tag-in-file-twice': (p) => `asset tag ${p.tag} is already on row ${p.row}`,
  'serial-in-file-twice': (p) => `serial ${p.serial} (${p.type}) is already on row ${p.row}`,
  'tag-on-several-assets': (p) => `asset tag ${p.tag} is on several assets already (${p.ids}); fix them first`,
  'serial-on-several-assets': (p) => `serial ${p.serial} is on several ${p.type} assets already (${p.ids})`,
  'rows-match-one-asset': (p) => `this row and row ${p.row} both match asset #${p.deviceId}`,
};

export const englishMessage = (p: ImportProblem): string => ENGLISH[p.code](p.params);

/** A row's error on `field` (null: the whole row), named by the file's column when it has one. */
export function rowError(columnOf: Partial<Record<AssetImportField, string>>, field: AssetImportField | null, p: ImportProblem): AssetImportError {
  return { column: field ? (columnOf[field] ?? field) : null, field, code: p.code, params: p.params, message: englishMessage(p) };
}
