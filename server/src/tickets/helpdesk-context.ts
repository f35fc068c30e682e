import type { Db } from '../db/database.js';
import { categoryAncestors } from '../categories/categories.repository.js';
import { evaluateAssignmentRules, orderRules } from './assignment-rules.js';
import { businessCalendarSchema } from './business-calendar.js';
import { GLPI_DEFAULT_PRIORITY_MATRIX, priorityMatrixSchema, type PriorityMatrix } from './priority.js';
import type { ResolvedSlaPolicy } from './sla-clock.js';
import { z } from 'zod';

export interface HelpdeskSettings {
  priorityMatrix: PriorityMatrix;
  /** Solved tickets close after this many days without an answer; 0 = never. */
  autoCloseDays: number;
  /** How many days of device changes before a ticket the ticket shows. */
  deviceChangesDays: number;
}

export const DEFAULT_HELPDESK_SETTINGS: HelpdeskSettings = {
  priorityMatrix: GLPI_DEFAULT_PRIORITY_MATRIX,
  autoCloseDays: 7,
  deviceChangesDays: 14,
};

const storedSettingsSchema = z.object({
  priorityMatrix: priorityMatrixSchema.optional(),
  autoCloseDays: z.number().int().min(0).max(3650).optional(),
  deviceChangesDays: z.number().int().min(1).max(365).optional(),
});

const targetsSchema = z.record(z.string(), z.object({ ownMinutes: z.number().int().positive(), resolveMinutes: z.number().int().positive() }));

/** The helpdesk configuration the tickets service reads: settings, SLA policies, assignment rules. */
export function helpdeskContext(db: Db) {
  async function settings(): Promise<HelpdeskSettings> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', 'helpdesk').executeTakeFirst();
    const parsed = storedSettingsSchema.safeParse(row?.value ?? {});
    // Settings are validated when written; a row that no longer parses falls back to defaults field by field.
    const v = parsed.success ? parsed.data : {};
    return {
      priorityMatrix: (v.priorityMatrix as PriorityMatrix | undefined) ?? DEFAULT_HELPDESK_SETTINGS.priorityMatrix,
      autoCloseDays: v.autoCloseDays ?? DEFAULT_HELPDESK_SETTINGS.autoCloseDays,
      deviceChangesDays: v.deviceChangesDays ?? DEFAULT_HELPDESK_SETTINGS.deviceChangesDays,
    };
  }

  async function allSlaPolicies(): Promise<Map<number, ResolvedSlaPolicy>> {
    const rows = await db
      .selectFrom('sla_policies as p')
      .innerJoin('calendars as c', 'c.id', 'p.calendar_id')
      .select(['p.id', 'p.name', 'p.category_id', 'p.targets', 'p.at_risk_ratio', 'c.definition'])
      .orderBy('p.id')
      .execute();
    const out = new Map<number, ResolvedSlaPolicy>();
    for (const r of rows) {
      const calendar = businessCalendarSchema.safeParse(r.definition);
      const targets = targetsSchema.safeParse(r.targets);
      if (!calendar.success || !targets.success) continue;
      out.set(r.id, { id: r.id, name: r.name, categoryId: r.category_id, calendar: calendar.data, atRiskRatio: r.at_risk_ratio, targets: targets.data });
    }
    return out;
  }

  /** The policy for the nearest category (the ticket's, then its ancestors), else the one without category. */
  async function slaFor(categoryId: number | null): Promise<{ policy: ResolvedSlaPolicy | null }> {
    const policies = [...(await allSlaPolicies()).values()];
    const path = categoryId === null ? [] : await categoryAncestors(db, categoryId);
    for (const id of path) {
      const hit = policies.find((p) => p.categoryId === id);
      if (hit) return { policy: hit };
    }
    return { policy: policies.find((p) => p.categoryId === null) ?? null };
  }

  /** The first active rule, in order, matching the ticket's category (or an ancestor) and/or a location. */
  async function matchAssignmentRule(t: { categoryId: number | null; locations: (string | null)[] }) {
    const rules = await db.selectFrom('assignment_rules').selectAll().where('active', '=', true).execute();
    if (rules.length === 0) return null;
    const categoryPath = t.categoryId === null ? [] : await categoryAncestors(db, t.categoryId);
    const match = evaluateAssignmentRules(
      orderRules(rules.map((r) => ({ id: r.id, name: r.name, position: r.position, categoryId: r.category_id, location: r.location, groupId: r.group_id }))),
      { categoryPath, locations: t.locations },
    );
    return match && { ruleId: match.rule.id, ruleName: match.rule.name, groupId: match.groupId, reasons: match.reasons };
  }

  return { settings, allSlaPolicies, slaFor, matchAssignmentRule };
}

