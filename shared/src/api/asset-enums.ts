/**
 * Asset types and sources (zod-free, so the web client can import the values): what a device is, and
 * where its record came from.
 */

/** Computers are what agents inventory; the rest people register or agents report as peripherals. */
export const ASSET_TYPES = ['computer', 'monitor', 'printer', 'phone', 'network', 'peripheral', 'other'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

/** agent: an agent's inventory; manual: registered by a person; discovered: a peripheral an agent reported. */
export const ASSET_SOURCES = ['agent', 'manual', 'discovered'] as const;
export type AssetSource = (typeof ASSET_SOURCES)[number];
