import type { Inventory, InventorySection } from '@parc/shared';
import { COMPONENT_SECTIONS, componentRows, type ComponentSection } from './components.js';
import { sha256, stableJson } from './stable-json.js';

/** What a section contributes to its hash: the stored form, so volatile readings never look like a change. */
function sectionContent(inv: Inventory, section: InventorySection): unknown {
  if ((COMPONENT_SECTIONS as readonly string[]).includes(section)) {
    const s = section as ComponentSection;
    return componentRows(s, (inv[s] ?? []) as never[]).map((r) => [r.key, r.data]);
  }
  if (section === 'software') {
    return (inv.software ?? [])
      .map((s) => stableJson([s.name, s.version, s.publisher, s.arch, s.source, s.installDate]))
      .sort();
  }
  return inv[section] ?? null;
}

export function sectionHashes(inv: Inventory, sections: readonly InventorySection[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sections) out[s] = sha256(stableJson(sectionContent(inv, s)));
  return out;
}

/** True when every carried section hashes as stored: then nothing but last-seen needs writing. */
export function unchangedSince(stored: Record<string, string>, incoming: Record<string, string>): boolean {
  return Object.entries(incoming).every(([s, h]) => stored[s] === h);
}
