import { obj, str } from './convert.js';
import { legacyAgentId, mapGlpiContent, type LegacyMapResult } from './glpi-content.js';

/** Item types a peer inventory may describe that Parc stores as devices. */
const COMPUTER_TYPES = new Set(['computer', 'unmanaged']);

/** A refusal for inventories of network equipment, printers, phones…: Parc inventories computers. */
export function unsupportedItemtype(itemtype: string): LegacyMapResult {
  return {
    ok: false,
    code: 'unsupported_itemtype',
    message: `Parc stores computers only; this ${itemtype} inventory was not stored (disable network inventory tasks for this agent)`,
    field: 'itemtype',
  };
}

/**
 * Maps a GLPI Agent native JSON inventory request (`{"action":"inventory","deviceid":…,"content":{…}}`,
 * see the GLPI inventory format schema) into Parc's inventory. Pure.
 */
export function mapGlpiJson(doc: unknown): LegacyMapResult {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, code: 'invalid_inventory', message: 'inventory must be a JSON object', field: '(body)' };
  }
  const d = doc as Record<string, unknown>;
  const deviceId = str(d.deviceid);
  if (!deviceId) return { ok: false, code: 'invalid_inventory', message: 'the request has no "deviceid"', field: 'deviceid' };
  const itemtype = str(d.itemtype) ?? 'Computer';
  const content = obj(d.content);
  if (!COMPUTER_TYPES.has(itemtype.toLowerCase()) || content.network_device !== undefined || content.network_components !== undefined) {
    return unsupportedItemtype(itemtype.toLowerCase() === 'computer' ? 'network device' : itemtype);
  }
  if (Object.keys(content).length === 0) {
    return { ok: false, code: 'invalid_inventory', message: 'the request has no "content" object', field: 'content' };
  }
  const partial = d.partial === true || d.partial === 'true' || d.partial === 1;
  const res = mapGlpiContent(content, { deviceId: legacyAgentId('glpi', deviceId), partial, path: 'content' });
  return res;
}
