import { isoDateSchema } from '@parc/shared';

/**
 * Firmware and OS tools fill unknown fields with placeholders ("To be filled by O.E.M.", "-", "0");
 * sending those would make thousands of machines look alike, so they become undefined.
 */
const PLACEHOLDERS = new Set([
  '',
  '-',
  '0',
  'none',
  'n/a',
  'na',
  'null',
  'unknown',
  'not specified',
  'not applicable',
  'not available',
  'default string',
  'to be filled by o.e.m.',
  'to be filled by oem',
  'o.e.m.',
  'oem',
  'system serial number',
  'system product name',
  'system manufacturer',
  'system version',
  'chassis serial number',
  'chassis manufacture',
  'base board serial number',
  'asset tag',
  'no asset tag',
  'no asset information',
  'invalid',
  '0123456789',
  '123456789',
  '00000000',
  'ffffffff',
]);

/** Trimmed, truncated to what the contract accepts, placeholders dropped. */
export function clean(value: unknown, max = 512): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = String(value).replace(/\s+/g, ' ').trim();
  if (PLACEHOLDERS.has(s.toLowerCase())) return undefined;
  return s.slice(0, max);
}

/** SMBIOS UUIDs of all zeros/Fs (or the famous vendor sample value) identify nothing. */
export function cleanUuid(value: unknown): string | undefined {
  const s = clean(value, 64);
  if (!s) return undefined;
  const hex = s.replace(/-/g, '').toLowerCase();
  if (/^(0+|f+)$/.test(hex) || hex === '03000200040005000006000700080009') return undefined;
  return s;
}

/** A date the contract will accept, as ISO 8601, or undefined (one bad date must not fail a section). */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) value = value.getTime();
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const r = isoDateSchema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** A non-negative integer or undefined: tools report -1, null or NaN for "unknown". */
export function count(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
  return Math.round(n);
}
