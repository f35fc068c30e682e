import { z } from 'zod';

/**
 * Assignment rules: the first active rule whose conditions match a new ticket assigns it to a group.
 * The bodies that create and change rules stay with the server's assignment feature, which checks that a
 * location names one the way it compares locations; what the web client sends is the rule's own fields.
 */

export const reorderBodySchema = z.strictObject({
  /** Every rule id exactly once, in the new evaluation order. */
  ids: z.array(z.number().int().positive()).max(10_000),
});
export type ReorderRulesBody = z.infer<typeof reorderBodySchema>;

export const ruleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Evaluation order: ascending, 1 first. */
  position: z.number().int(),
  categoryId: z.number().int().nullable(),
  /** A node of the location tree: devices placed there or below match. */
  locationId: z.number().int().nullable(),
  /** Its full path ("Paris / HQ"). */
  location: z.string().nullable(),
  groupId: z.number().int(),
  active: z.boolean(),
});
export type AssignmentRule = z.infer<typeof ruleSchema>;

export const ruleListSchema = z.object({ items: z.array(ruleSchema) });

/** The fields of a rule that a create or change request carries. */
export type AssignmentRuleFields = Pick<AssignmentRule, 'name' | 'categoryId' | 'locationId' | 'groupId' | 'active'>;

/**
 * Why a rule fired, as recorded in a ticket's `rule` timeline entry (`data.reasons`): codes with their
 * parameters (ids, locations), worded by the interface in the reader's language with today's names.
 * Entries written before these codes carry English strings instead.
 */
export const assignmentReasonSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('category'), categoryId: z.number().int() }),
  z.object({ code: z.literal('subcategory'), categoryId: z.number().int(), ruleCategoryId: z.number().int() }),
  z.object({ code: z.literal('location'), location: z.string() }),
  z.object({ code: z.literal('sublocation'), location: z.string(), ruleLocation: z.string() }),
  z.object({ code: z.literal('catch-all') }),
]);
export type AssignmentReason = z.infer<typeof assignmentReasonSchema>;
