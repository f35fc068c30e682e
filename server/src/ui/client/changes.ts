import { assetTypeLabel } from './asset-labels.js';
import { fieldLabel, kindLabel } from './device-fields.js';
import { assetStateLabel, formatBytes, formatDate } from './format.js';
import { t, type PlainKey } from './i18n/i18n.js';
import type { Change } from './types.js';

/**
 * How a device change reads to a technician: software "upgraded" or "downgraded" rather than "changed",
 * since a version moving backwards is a different lead than a routine update. Pure: tested in server/test/ui.
 */

export type ChangeVerb = 'installed' | 'removed' | 'upgraded' | 'downgraded' | 'changed' | 'added';

const VERB_LABELS: Record<ChangeVerb, PlainKey> = {
  installed: 'changes.verb.installed',
  removed: 'changes.verb.removed',
  upgraded: 'changes.verb.upgraded',
  downgraded: 'changes.verb.downgraded',
  changed: 'changes.verb.changed',
  added: 'changes.verb.added',
};

/** "Upgraded", "Mis à niveau". */
export const verbLabel = (verb: ChangeVerb) => t(VERB_LABELS[verb]);

export interface DescribedChange {
  verb: ChangeVerb;
  /** Software, hardware component or OS/hardware fact the change is about. */
  item: string;
  /** "1.2 → 1.3", "120 GB → 240 GB", or the installed/removed version; empty when there is none. */
  detail: string;
  /** Software changes are told apart from hardware ones on the ticket page. */
  group: 'software' | 'hardware';
}

/**
 * Orders two version strings by their runs of digits and letters (numbers numerically, "1.10" after
 * "1.9"); a Debian epoch ("1:2.0") and revision are just more runs. Only for choosing a verb to show.
 */
export function compareVersions(a: string, b: string): number {
  const runs = (s: string) => s.match(/\d+|[a-z]+/gi) ?? [];
  const x = runs(a);
  const y = runs(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) {
      const d = Number(p) - Number(q);
      if (d !== 0) return Math.sign(d);
    } else if (pn !== qn) {
      // A number outranks a letter run: "1.0" is after "1.0rc1"'s "rc".
      return pn ? 1 : -1;
    } else if (p !== q) {
      return p < q ? -1 : 1;
    }
  }
  return 0;
}

/** A fact the server names by its column (`bios_version`, `os_name`) as its field's label. */
const factField = (item: string) => fieldLabel(item.replace(/^os_/, '').replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()));

/** Entries the server words as a code and parameters, in the reader's language. */
function coded(c: Change): DescribedChange | null {
  const p = c.params ?? {};
  if (c.code === 'first-inventory') {
    return { verb: 'added', item: t('changes.firstInventory'), detail: t('changes.firstInventoryDetail', { components: Number(p.components) || 0, software: Number(p.software) || 0 }), group: 'hardware' };
  }
  // State, location and assigned user (server/src/assets/placement): "In stock → In use", paths, usernames.
  const side = (v: unknown) => (v === undefined || v === null || v === '' ? t('changes.none.value') : String(v));
  if (c.code === 'state-changed') {
    const state = (code: unknown, label: unknown) => (code === undefined ? t('changes.none.value') : assetStateLabel(String(code), typeof label === 'string' ? label : null));
    return { verb: 'changed', item: t('changes.state'), detail: t('changes.fromTo', { from: state(p.from, p.fromLabel), to: state(p.to, p.toLabel) }), group: 'hardware' };
  }
  if (c.code === 'location-changed') return { verb: 'changed', item: t('changes.location'), detail: t('changes.fromTo', { from: side(p.from), to: side(p.to) }), group: 'hardware' };
  if (c.code === 'user-assigned') return { verb: 'changed', item: t('changes.user'), detail: t('changes.fromTo', { from: side(p.from), to: side(p.to) }), group: 'hardware' };
  if (c.code === 'intervention') {
    const when = typeof p.performedOn === 'string' ? formatDate(p.performedOn) : '';
    const by = typeof p.performedBy === 'string' ? p.performedBy : '';
    return {
      verb: c.kind === 'changed' ? 'changed' : 'added',
      item: t('changes.intervention'),
      detail: by ? t('changes.interventionDetailBy', { date: when, description: String(p.description ?? ''), by }) : t('changes.interventionDetail', { date: when, description: String(p.description ?? '') }),
      group: 'hardware',
    };
  }
  // A change of the helpdesk applied to this device (server/src/helpdesk/changes).
  if (c.code === 'change-applied') return { verb: 'changed', item: t('changes.changeApplied', { id: Number(p.changeId) || 0 }), detail: String(p.title ?? ''), group: 'hardware' };
  if (c.code === 'asset-imported' || c.code === 'asset-import-updated') {
    const fields = Number(p.fields) || 0;
    const created = c.code === 'asset-imported';
    return { verb: created ? 'added' : 'changed', item: t(created ? 'changes.assetImported' : 'changes.assetImportUpdated'), detail: t('changes.assetImportFields', { fields }), group: 'hardware' };
  }
  return assetCoded(c.code, p);
}

/** The asset register's lines: registered, merged with an agent's inventory, peripherals attached, moved, detached. */
function assetCoded(code: string | null | undefined, p: Record<string, string | number>): DescribedChange | null {
  const s = (k: string) => String(p[k] ?? '');
  const line = (verb: ChangeVerb, item: string, detail: string): DescribedChange => ({ verb, item, detail, group: 'hardware' });
  switch (code) {
    case 'asset-registered':
      return line('added', t('assetRegister.change.registered'), assetTypeLabel(s('type')));
    case 'merged-manual-record':
      return line('changed', t('assetRegister.change.merged'), t('assetRegister.change.mergedDetail', { name: s('name'), serial: s('serial') }));
    case 'peripheral-discovered':
      return line('added', t('assetRegister.change.discovered'), s('computer'));
    case 'attached-to':
      return line('changed', t('assetRegister.change.attachedTo'), s('computer'));
    case 'moved-between':
      return line('changed', t('assetRegister.change.movedBetween'), t('assetRegister.change.fromTo', { from: s('from'), to: s('to') }));
    case 'detached-from':
      return line('removed', t('assetRegister.change.detachedFrom'), s('computer'));
    case 'peripheral-attached':
      return line('added', t('assetRegister.change.peripheralAttached'), s('peripheral'));
    case 'peripheral-detached':
      return line('removed', t('assetRegister.change.peripheralDetached'), s('peripheral'));
    case 'peripheral-moved-away':
      return line('removed', t('assetRegister.change.peripheralMovedAway'), t('assetRegister.change.peripheralTo', { peripheral: s('peripheral'), to: s('to') }));
    case 'asset-tag-duplicate-removed':
      return line('removed', t('assetRegister.change.assetTagDuplicate'), t('assetRegister.change.assetTagKeptBy', { tag: s('tag'), keptBy: s('keptBy') }));
    default:
      return null;
  }
}

export function describeChange(c: Change): DescribedChange {
  const known = coded(c);
  if (known) return known;
  const software = c.section === 'software';
  const group = software ? 'software' : 'hardware';
  const fact = (c.section === 'hardware' || c.section === 'os') && /^[a-z][a-z0-9_]*$/.test(c.item);
  // Hardware changes name their section ("Memory modules: slot A") because the item alone can be ambiguous.
  const item = software ? c.item : t('changes.sectionItem', { section: kindLabel(c.section), item: fact ? factField(c.item) : c.item });
  const value = (v: string | null) => (v !== null && fact && /bytes$/.test(c.item) && /^\d+$/.test(v) ? formatBytes(Number(v)) : v);
  if (c.kind === 'added') return { verb: software ? 'installed' : 'added', item, detail: value(c.new) ?? '', group };
  if (c.kind === 'removed') return { verb: 'removed', item, detail: value(c.old) ?? '', group };
  let verb: ChangeVerb = 'changed';
  if (software && c.old && c.new) {
    const order = compareVersions(c.new, c.old);
    verb = order > 0 ? 'upgraded' : order < 0 ? 'downgraded' : 'changed';
  }
  const detail = c.old !== null || c.new !== null ? `${value(c.old) ?? '—'} → ${value(c.new) ?? '—'}` : '';
  return { verb, item, detail, group };
}

/** "2 upgraded, 1 installed": a one-line digest of a list of changes, most telling verbs first. */
export function summarizeChanges(changes: readonly Change[]): string {
  const counts = new Map<ChangeVerb, number>();
  for (const c of changes) {
    const verb = describeChange(c).verb;
    counts.set(verb, (counts.get(verb) ?? 0) + 1);
  }
  const n = (verb: ChangeVerb) => counts.get(verb) ?? 0;
  const parts = [
    n('upgraded') && t('changes.count.upgraded', { count: n('upgraded') }),
    n('downgraded') && t('changes.count.downgraded', { count: n('downgraded') }),
    n('installed') && t('changes.count.installed', { count: n('installed') }),
    n('removed') && t('changes.count.removed', { count: n('removed') }),
    n('added') && t('changes.count.added', { count: n('added') }),
    n('changed') && t('changes.count.changed', { count: n('changed') }),
  ].filter((p): p is string => typeof p === 'string');
  return parts.length ? parts.join(', ') : t('changes.none');
}
