import type { z } from 'zod';
import {
  INVENTORY_SECTIONS,
  inventorySchema,
  REQUIRED_INVENTORY_FIELDS,
  type Inventory,
  type InventorySection,
} from './inventory.js';

export interface ParseWarning {
  /** Dotted path of what was dropped, e.g. `software.12.installDate`. */
  path: string;
  message: string;
}

export type LenientResult =
  | { ok: true; inventory: Inventory; warnings: ParseWarning[] }
  | { ok: false; field: string; message: string };

type Path = (string | number)[];
const MAX_REPAIR_ROUNDS = 12;

const fmt = (path: Path) => path.join('.');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function getParent(root: unknown, path: Path): unknown {
  let cur = root;
  for (const key of path.slice(0, -1)) {
    if (!isRecord(cur)) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** Removes the value at `path`; array elements are marked and compacted later so indexes stay valid. */
const DROPPED = Symbol('dropped');
function removeAt(root: unknown, path: Path): boolean {
  const parent = getParent(root, path);
  const key = path[path.length - 1];
  if (!isRecord(parent) || key === undefined) return false;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (parent[key] === DROPPED) return false;
    parent[key] = DROPPED;
    return true;
  }
  if (!(key in parent)) return false;
  delete (parent as Record<string | number, unknown>)[key];
  return true;
}

function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== DROPPED).map(compact);
  if (isRecord(value)) {
    for (const k of Object.keys(value)) value[k] = compact(value[k]);
  }
  return value;
}

/**
 * Parses an inventory the lenient way: an invalid optional value is dropped and reported as a warning,
 * an array item missing a required field is dropped, and a section that is not even the right shape is
 * dropped and marked failed (so the server keeps what it had rather than emptying it). Only a missing or
 * invalid required top-level field, or a section list longer than the contract's cap, rejects the payload.
 *
 * @example
 * const r = parseInventoryLenient(JSON.parse(body));
 * if (!r.ok) return badRequest(r.field, r.message);
 */
export function parseInventoryLenient(input: unknown): LenientResult {
  if (!isRecord(input) || Array.isArray(input)) {
    return { ok: false, field: '(body)', message: 'inventory must be a JSON object' };
  }
  // Nearly every upload is valid as sent: parsed once, without the copy and walks the repairs need
  // (zod builds new objects, so the caller's object is not mutated either way).
  const direct = inventorySchema.safeParse(input);
  if (direct.success) return { ok: true, inventory: direct.data, warnings: [] };
  // Work on a copy: the caller's object is never mutated.
  const doc = structuredClone(input) as Record<string, unknown>;
  const warnings: ParseWarning[] = [];
  const droppedSections = new Set<InventorySection>();
  const triedLeaf = new Set<string>();

  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    const result = inventorySchema.safeParse(compact(doc));
    if (result.success) {
      const inventory = result.data;
      if (droppedSections.size > 0) {
        const failed = inventory.failedSections ?? [];
        for (const section of droppedSections) {
          if (!failed.some((f) => f.section === section)) {
            failed.push({ section, error: 'section dropped by the server: invalid shape' });
          }
        }
        inventory.failedSections = failed;
      }
      return { ok: true, inventory, warnings };
    }
    for (const issue of result.error.issues) {
      const path = issue.path as Path;
      const top = path[0];
      if (top === undefined || (REQUIRED_INVENTORY_FIELDS as readonly string[]).includes(String(top))) {
        return { ok: false, field: top === undefined ? '(body)' : fmt(path), message: describe(issue) };
      }
      if (issue.code === 'too_big' && path.length === 1) {
        // A list over the contract's cap cannot be trimmed (which entries would go?) nor dropped silently
        // (the stored list would stop updating with nobody told): the upload is refused, saying why.
        return { ok: false, field: String(top), message: `lists more entries than Parc stores for one machine (at most ${String(issue.maximum)}); nothing from this inventory was stored` };
      }
      if (top === 'sections' || top === 'failedSections') {
        // A bad section list cannot be guessed at: treating it as absent would turn a partial
        // inventory into a full one and empty every other section.
        return { ok: false, field: fmt(path), message: describe(issue) };
      }
      const key = fmt(path);
      if (!triedLeaf.has(key) && path.length > 1) {
        // First try: drop just the offending value.
        triedLeaf.add(key);
        if (removeAt(doc, path)) warnings.push({ path: key, message: `${describe(issue)}; value dropped` });
        continue;
      }
      // The value was required where it stands: drop the nearest array item holding it, else the section.
      const itemIdx = path.findLastIndex((p) => typeof p === 'number');
      if (itemIdx > 0) {
        const itemPath = path.slice(0, itemIdx + 1);
        if (removeAt(doc, itemPath)) {
          warnings.push({ path: fmt(itemPath), message: `${describe(issue)} at ${key}; item dropped` });
        }
      } else if (removeAt(doc, [top])) {
        warnings.push({ path: String(top), message: `${describe(issue)}; section dropped` });
        if ((INVENTORY_SECTIONS as readonly string[]).includes(String(top))) {
          droppedSections.add(top as InventorySection);
        }
      }
    }
  }
  return { ok: false, field: '(body)', message: 'inventory has too many invalid values to repair' };
}

function describe(issue: z.core.$ZodIssue): string {
  return issue.message;
}
