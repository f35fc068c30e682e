import { z } from 'zod';
import { bodyIdSchema, MAX_ID } from '@parc/shared/api';
import type { AssignmentReason } from '@parc/shared/api';

/**
 * Auto-assignment rules, pure: an ordered list of rules, each sending matching tickets to a group of
 * technicians. Rules are evaluated in the order given (use `orderRules` to sort by position); the first
 * enabled rule whose conditions all hold fires, and what fired and why is returned for the timeline.
 *
 * Conditions (optional, combined with AND; a rule with none is a catch-all, normally placed last):
 * - category: the ticket's category is the rule's, or (with `includeSubcategories`, the default) lies
 *   below it in the category tree. The caller passes the ticket's category path: the category first,
 *   then its ancestors (see `ancestry`).
 * - location: the rule names a node of the location tree (`locationId`, with its path text in
 *   `location`). A linked device placed at that node, or (with `includeSublocations`, the default) below
 *   it, matches: the caller passes each device's location id then its ancestors (`places`). The ticket's
 *   own location is free text typed by people, so it still compares as a path: split on `/`, `>` or
 *   `\`, each part trimmed, inner spaces collapsed, case-insensitive. "Paris > Bâtiment A" is under
 *   "paris"; "Parisian office" is not under "Paris".
 */

/** A node of a tree (categories): its parent, or null at the root. */
export interface TreeNode {
  id: number;
  parentId: number | null;
}

export interface AssignmentRule {
  id: number;
  name: string;
  /** Sort key for `orderRules` (ascending, ties by id). */
  position?: number;
  /** Default true. */
  enabled?: boolean;
  categoryId: number | null;
  /** Default true. */
  includeSubcategories?: boolean;
  /** The location tree node the rule names, or null. */
  locationId: number | null;
  /** That node's full path ("Paris / HQ"), for matching free text and for the timeline. */
  location: string | null;
  /** Default true. */
  includeSublocations?: boolean;
  /** The group of technicians the ticket goes to. */
  groupId: number;
}

export interface AssignmentSubject {
  /** The ticket's category then its ancestors, nearest first; empty when it has no category. */
  categoryPath: readonly number[];
  /** Where the linked devices are: each one's location id then its ancestors, and its path text. */
  places?: readonly { ancestry: readonly number[]; path: string }[];
  /** Free-text locations (the ticket's own); nulls are ignored. */
  locations: readonly (string | null)[];
}

export interface AssignmentMatch<R extends AssignmentRule = AssignmentRule> {
  rule: R;
  groupId: number;
  /** Why it fired, as codes the interface words (`{ code: 'subcategory', categoryId: 12, ruleCategoryId: 3 }`). */
  reasons: AssignmentReason[];
}

export const assignmentRuleSchema = z.object({
  name: z.string().trim().min(1).max(200),
  position: z.number().int().min(0).max(MAX_ID).default(0),
  enabled: z.boolean().default(true),
  categoryId: bodyIdSchema.nullable().default(null),
  includeSubcategories: z.boolean().default(true),
  locationId: bodyIdSchema.nullable().default(null),
  includeSublocations: z.boolean().default(true),
  groupId: bodyIdSchema,
});

export type AssignmentRuleInput = z.input<typeof assignmentRuleSchema>;

/**
 * `id` followed by its ancestors up to the root, from a tree held in memory. An id missing from the tree
 * ends the walk; so does a cycle in the data (which the admin UI should prevent) rather than looping.
 */
export function ancestry(id: number, tree: readonly TreeNode[] | ReadonlyMap<number, number | null>): number[] {
  const parents: ReadonlyMap<number, number | null> = tree instanceof Map ? tree : new Map((tree as readonly TreeNode[]).map((n) => [n.id, n.parentId]));
  const path: number[] = [];
  let cur: number | null | undefined = id;
  while (cur !== null && cur !== undefined && !path.includes(cur)) {
    path.push(cur);
    cur = parents.get(cur);
  }
  return path;
}

/** A free-text location as comparable path segments. */
export function locationPath(location: string): string[] {
  return location
    .split(/[/>\\]/)
    .map((s) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('und'))
    .filter((s) => s !== '');
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

/** Rules sorted for evaluation: position ascending, then id. */
export function orderRules<R extends AssignmentRule>(rules: readonly R[]): R[] {
  return [...rules].sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id);
}

/** The first rule (in the order given) that fires for the subject, with its reasons, or null. */
export function evaluateAssignmentRules<R extends AssignmentRule>(rules: readonly R[], subject: AssignmentSubject): AssignmentMatch<R> | null {
  const ticketCategory = subject.categoryPath[0];
  const places = subject.locations
    .filter((l): l is string => l !== null)
    .map((text) => ({ text: text.trim(), path: locationPath(text) }))
    .filter((p) => p.path.length > 0);

  for (const rule of rules) {
    if (rule.enabled === false) continue;
    const reasons: AssignmentReason[] = [];

    if (rule.categoryId !== null) {
      if (ticketCategory === rule.categoryId) reasons.push({ code: 'category', categoryId: rule.categoryId });
      else if (rule.includeSubcategories !== false && subject.categoryPath.includes(rule.categoryId)) {
        reasons.push({ code: 'subcategory', categoryId: ticketCategory!, ruleCategoryId: rule.categoryId });
      } else continue;
    }

    if (rule.locationId !== null || rule.location !== null) {
      const id = rule.locationId;
      const here = id === null ? undefined : subject.places?.find((p) => p.ancestry[0] === id);
      const under = id === null || rule.includeSublocations === false ? undefined : subject.places?.find((p) => p.ancestry.includes(id));
      if (here) reasons.push({ code: 'location', location: here.path });
      else if (under) reasons.push({ code: 'sublocation', location: under.path, ruleLocation: rule.location ?? '' });
      else if (!matchText(rule, places, reasons)) continue;
    }

    if (reasons.length === 0) reasons.push({ code: 'catch-all' });
    return { rule, groupId: rule.groupId, reasons };
  }
  return null;
}

/** The ticket's free-text locations against the rule's path text; pushes the reason when one matches. */
function matchText(rule: AssignmentRule, places: readonly { text: string; path: string[] }[], reasons: AssignmentReason[]): boolean {
  if (rule.location === null) return false;
  const wanted = locationPath(rule.location);
  if (wanted.length === 0) return false; // a rule naming no location matches nothing, not everything
  const exact = places.find((p) => p.path.length === wanted.length && startsWith(p.path, wanted));
  const below = rule.includeSublocations !== false ? places.find((p) => startsWith(p.path, wanted)) : undefined;
  if (exact) reasons.push({ code: 'location', location: exact.text });
  else if (below) reasons.push({ code: 'sublocation', location: below.text, ruleLocation: rule.location.trim() });
  else return false;
  return true;
}

/** Just the rule that fires (or null), for callers that do not need the reasons. */
export function firstMatchingRule<R extends AssignmentRule>(rules: readonly R[], subject: AssignmentSubject): R | null {
  return evaluateAssignmentRules(rules, subject)?.rule ?? null;
}
