import { deflateSync } from 'node:zlib';

/**
 * The answers each peer protocol expects, as plain values (status, headers, body). Pure.
 *
 * - GLPI Agent native JSON: `{"status":"ok","expiration":<hours>}`; errors `{"status":"error","message":…}`.
 * - FusionInventory XML: `<REPLY>…</REPLY>`, zlib-compressed when the request was.
 * - OCS Inventory: always zlib-compressed XML (the agent inflates every answer), errors as HTTP status.
 */

/** Hours between inventories that the agents are told (GLPI's `expiration`, OCS/Fusion `PROLOG_FREQ`). */
export const INVENTORY_FREQUENCY_HOURS = 24;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** `{ RESPONSE: 'SEND' }` → `<RESPONSE>SEND</RESPONSE>`; values are escaped. */
export function xmlDocument(fields: Record<string, string | number>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<REPLY>${inner}</REPLY>\n`;
}

export function jsonReply(status: number, body: Record<string, unknown>): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function glpiOk(extra: Record<string, unknown> = {}): Reply {
  return jsonReply(200, { status: 'ok', expiration: INVENTORY_FREQUENCY_HOURS, ...extra });
}

export function glpiError(status: number, message: string): Reply {
  return jsonReply(status, { status: 'error', message: message.slice(0, 250), expiration: INVENTORY_FREQUENCY_HOURS });
}

export function xmlReply(status: number, fields: Record<string, string | number>, compress: boolean, contentType?: string): Reply {
  const text = xmlDocument(fields);
  if (!compress) return { status, headers: { 'content-type': contentType ?? 'application/xml' }, body: text };
  return { status, headers: { 'content-type': contentType ?? 'application/x-compress-zlib' }, body: deflateSync(Buffer.from(text, 'utf8')) };
}

/** FusionInventory PROLOG answer: inventory now, then every `PROLOG_FREQ` hours. */
export const fusionProlog = (compress: boolean) => xmlReply(200, { PROLOG_FREQ: INVENTORY_FREQUENCY_HOURS, RESPONSE: 'SEND' }, compress);
export const fusionInventoryOk = (compress: boolean) => xmlReply(200, { RESPONSE: 'no_account_update' }, compress);
export const fusionError = (status: number, message: string, compress: boolean) => xmlReply(status, { ERROR: message.slice(0, 250) }, compress);

const OCS_TYPE = 'application/x-compress';
export const ocsProlog = () => xmlReply(200, { RESPONSE: 'SEND', PROLOG_FREQ: INVENTORY_FREQUENCY_HOURS }, true, OCS_TYPE);
export const ocsInventoryOk = () => xmlReply(200, { RESPONSE: 'no_account_update' }, true, OCS_TYPE);
export const ocsError = (status: number, message: string) => xmlReply(status, { RESPONSE: 'ERROR', ERROR: message.slice(0, 250) }, true, OCS_TYPE);
