import { obj, str } from './convert.js';
import { legacyAgentId, mapGlpiContent, type LegacyMapResult } from './glpi-content.js';
import { unsupportedItemtype } from './glpi-json.mapper.js';

/** Lower-cases element names recursively: the legacy XML tags are the JSON format's keys in capitals. */
export function lowerKeys(v: unknown, depth = 0): unknown {
  if (depth > 32) return undefined;
  if (Array.isArray(v)) return v.map((x) => lowerKeys(x, depth + 1));
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k.toLowerCase()] = lowerKeys(x, depth + 1);
  return out;
}

/**
 * Maps a FusionInventory / GLPI Agent legacy XML inventory (`<REQUEST><CONTENT>…</CONTENT>
 * <DEVICEID>…</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`, already parsed) into Parc's inventory. Pure.
 */
export function mapFusionXml(request: Record<string, unknown>): LegacyMapResult {
  const deviceId = str(request.DEVICEID);
  if (!deviceId) return { ok: false, code: 'invalid_inventory', message: 'the request has no DEVICEID', field: 'REQUEST.DEVICEID' };
  const raw = obj(request.CONTENT);
  // SNMP inventories (network equipment, printers) carry DEVICE elements instead of a computer.
  if (raw.DEVICE !== undefined || raw.MODULEVERSION !== undefined) return unsupportedItemtype('network device');
  const itemtype = str(request.ITEMTYPE) ?? str(obj(raw.HARDWARE).ITEMTYPE);
  if (itemtype && itemtype.toLowerCase() !== 'computer') return unsupportedItemtype(itemtype);
  if (Object.keys(raw).length === 0) return { ok: false, code: 'invalid_inventory', message: 'the request has no CONTENT', field: 'REQUEST.CONTENT' };
  return mapGlpiContent(lowerKeys(raw) as Record<string, unknown>, { deviceId: legacyAgentId('glpi', deviceId), partial: false, path: 'REQUEST.CONTENT' });
}
