import type { AssetType } from '../../inventory/ingest/ingest.tables.js';
import { fold } from './asset-import-columns.js';
import { problem, type ImportProblem } from './asset-import-errors.js';

/**
 * One cell into one value, as spreadsheets from several countries write them. Each parser returns the
 * value, or `{ error }` with the problem (its code and what it names). Pure.
 */

export type Parsed<T> = T | { error: ImportProblem };
export const isError = <T>(v: Parsed<T>): v is { error: ImportProblem } => typeof v === 'object' && v !== null && 'error' in v;

/** A calendar date as "yyyy-mm-dd", or null when the day does not exist (31/02). */
function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * ISO "2024-03-31" (a time after it, as some exports add, is dropped), European "31/03/2024" (day
 * first: the US order is not guessed, it would silently swap days and months) and Excel's
 * "2024/03/31".
 */
export function parseDate(s: string): Parsed<string> {
  const v = s.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(v);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3])) ?? { error: problem('date-not-a-day', { value: v }) };
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1])) ?? { error: problem('date-not-a-day', { value: v }) };
  return { error: problem('date-invalid', { value: v }) };
}

const CURRENCY_SIGNS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY', CHF: 'CHF' };

/**
 * An amount in either notation: "1 234,50", "1.234,50", "1,234.50", "1234.5". With both separators the
 * last is the decimal one; a lone separator followed by exactly three digits groups thousands
 * ("1,234" is 1234), otherwise it is the decimal one. A currency sign or code around it is read too.
 */
export function parseCost(s: string): Parsed<{ amount: number; currency: string | null }> {
  let v = s.trim().replace(/[\s\u00a0\u202f']/g, '');
  let currency: string | null = null;
  const sign = /^([€$£¥]|[A-Z]{3})?(.*?)([€$£¥]|[A-Z]{3})?$/i.exec(v);
  if (sign && (sign[1] || sign[3])) {
    const code = (sign[1] ?? sign[3])!;
    currency = CURRENCY_SIGNS[code] ?? (/^[a-z]{3}$/i.test(code) ? code.toUpperCase() : null);
    v = sign[2]!;
  }
  const bad = { error: problem('cost-invalid', { value: s.trim() }) };
  if (!/^\d[\d.,]*$/.test(v)) return bad;
  const lastDot = v.lastIndexOf('.');
  const lastComma = v.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    const group = dec === '.' ? ',' : '.';
    const at = v.lastIndexOf(dec);
    const int = v.slice(0, at);
    const frac = v.slice(at + 1);
    const grouped = group === ',' ? /^\d{1,3}(?:,\d{3})*$/ : /^\d{1,3}(?:\.\d{3})*$/;
    if (!grouped.test(int) || !/^\d+$/.test(frac)) return bad;
    normal = `${int.split(group).join('')}.${frac}`;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = v.split(sep);
    if (parts.length > 2 || parts[1]!.length === 3) {
      if (!parts.every((p, i) => (i === 0 ? /^\d{1,3}$/.test(p) : /^\d{3}$/.test(p)))) return bad;
      normal = parts.join('');
    } else normal = `${parts[0]}.${parts[1]}`;
  } else normal = v;
  if (!/^\d+(\.\d+)?$/.test(normal)) return bad;
  const amount = Number(normal);
  if (!(amount < 1e12)) return { error: problem('cost-too-high', { value: s.trim() }) };
  return { amount: Math.round(amount * 100) / 100, currency };
}

/** "EUR", "eur", "€": a three-letter code. */
export function parseCurrency(s: string): Parsed<string> {
  const v = s.trim();
  const code = CURRENCY_SIGNS[v] ?? v.toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : { error: problem('currency-invalid', { value: v }) };
}

/** Whole months: "36", "36 months", "36 mois", "3 years" / "3 ans". */
export function parseMonths(s: string, min: number): Parsed<number> {
  const v = fold(s.replace(/(\d)\s+(?=\d)/g, '$1'));
  const m = /^(\d{1,5})(months?|mois|m|years?|ans?|yrs?|y)?$/.exec(v);
  const n = m ? Number(m[1]) * (m[2] && /^(years?|ans?|yrs?|y)$/.test(m[2]) ? 12 : 1) : NaN;
  if (!Number.isInteger(n)) return { error: problem('months-invalid', { value: s.trim() }) };
  if (n < min || n > 1200) return { error: problem('months-out-of-range', { value: n, min, max: 1200 }) };
  return n;
}

const TYPE_WORDS: Record<AssetType, readonly string[]> = {
  computer: ['computer', 'ordinateur', 'pc', 'laptop', 'notebook', 'portable', 'ordinateur portable', 'desktop', 'workstation', 'poste de travail', 'poste', 'station de travail', 'server', 'serveur', 'tablet', 'tablette', 'mac', 'unité centrale'],
  monitor: ['monitor', 'moniteur', 'écran', 'ecran', 'screen', 'display'],
  printer: ['printer', 'imprimante', 'mfp', 'multifonction', 'copieur', 'copier', 'scanner'],
  phone: ['phone', 'téléphone', 'telephone', 'mobile', 'smartphone', 'cell phone', 'mobile phone', 'portable phone', 'ip phone', 'téléphone ip', 'téléphone mobile'],
  network: ['network', 'network equipment', 'networking', 'réseau', 'équipement réseau', 'matériel réseau', 'switch', 'router', 'routeur', 'firewall', 'pare-feu', 'access point', "point d'accès", 'wifi'],
  peripheral: ['peripheral', 'périphérique', 'accessory', 'accessoire', 'docking station', 'dock', "station d'accueil", 'keyboard', 'clavier', 'mouse', 'souris', 'webcam', 'headset', 'casque'],
  other: ['other', 'autre', 'divers', 'misc', 'miscellaneous'],
};
const TYPE_BY_WORD = new Map<string, AssetType>();
for (const [type, words] of Object.entries(TYPE_WORDS) as [AssetType, readonly string[]][]) for (const w of words) TYPE_BY_WORD.set(fold(w), type);

/** An asset type from its code or an English or French name, singular or plural ("Laptops", "Écrans"). */
export function parseType(s: string): Parsed<AssetType> {
  const k = fold(s);
  const t = TYPE_BY_WORD.get(k) ?? TYPE_BY_WORD.get(k.replace(/(s|x)$/, ''));
  return t ?? { error: problem('type-unknown', { value: s.trim() }) };
}

/** The built-in states' names in English and French, and what Snipe-IT's default status labels mean. */
const BUILTIN_STATE_WORDS: Record<string, readonly string[]> = {
  in_stock: ['in stock', 'en stock', 'stock', 'ready to deploy', 'available', 'disponible', 'pending', 'en attente', 'spare', 'de rechange'],
  in_use: ['in use', 'en service', 'en utilisation', 'utilisé', 'deployed', 'déployé', 'active', 'actif', 'assigned', 'attribué', 'affecté'],
  in_repair: ['in repair', 'en réparation', 'repair', 'réparation', 'out for repair', 'broken', 'en panne', 'hs', 'hors service'],
  lent: ['lent', 'prêté', 'loaned', 'on loan', 'en prêt', 'prêt'],
  retired: ['retired', 'retiré', 'réformé', 'archived', 'archivé', 'disposed', 'mis au rebut', 'rebut'],
  lost: ['lost', 'perdu', 'stolen', 'volé', 'lost/stolen', 'perdu/volé', 'missing', 'manquant'],
};

export interface StateRef {
  code: string;
  label: string | null;
}

/** The lookup of a state by folded code, English/French name or custom label. */
export function stateLookup(states: readonly StateRef[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [code, words] of Object.entries(BUILTIN_STATE_WORDS)) for (const w of words) map.set(fold(w), code);
  // Custom labels win over the Snipe-IT guesses, codes over everything.
  for (const s of states) if (s.label) map.set(fold(s.label), s.code);
  for (const s of states) map.set(fold(s.code), s.code);
  return map;
}

export function parseState(s: string, lookup: ReadonlyMap<string, string>): Parsed<string> {
  return lookup.get(fold(s)) ?? { error: problem('state-unknown', { value: s.trim() }) };
}

/** "Paris / Building A / 2nd floor / 201" (also "›" or ">" between levels) into its names. */
export function parseLocationPath(s: string): Parsed<string[]> {
  const parts = s.split(/\s*[/>›\\]\s*/).map((p) => p.trim().replace(/\s+/g, ' '));
  if (parts.some((p) => p === '')) return { error: problem('location-empty-level', { value: s.trim() }) };
  if (parts.length > 8) return { error: problem('location-too-deep', { value: s.trim(), max: 8 }) };
  if (parts.some((p) => p.length > 200)) return { error: problem('location-name-too-long', { max: 200 }) };
  return parts;
}
