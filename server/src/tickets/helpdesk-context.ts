import type { Db } from '../db/database.js';
import { loadActiveRules } from '../assignment-rules/assignment-rules.service.js';
import { categoryAncestors } from '../categories/categories.repository.js';
import { getHelpdeskSettings } from '../helpdesk-settings/helpdesk-settings.service.js';
import { findSlaPolicy } from '../sla-admin/sla-admin.service.js';
import { evaluateAssignmentRules } from './assignment-rules.js';
import { businessCalendarSchema } from './business-calendar.js';
import type { ResolvedSlaPolicy } from './sla-clock.js';
import { z } from 'zod';

const targetsSchema = z.record(z.string(), z.object({ ownMinutes: z.number().int().positive(), resolveMinutes: z.number().int().positive() }));

/** The helpdesk configuration the tickets service reads: settings, SLA policies, assignment rules. */
export function helpdeskContext(db: Db) {
  const settings = () => getHelpdeskSettings(db);

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
  const slaFor = async (categoryId: number | null): Promise<{ policy: ResolvedSlaPolicy | null }> => ({ policy: await findSlaPolicy(db, categoryId) });

  /** The first active rule, in order, matching the ticket's category (or an ancestor) and/or a location. */
  async function matchAssignmentRule(t: { categoryId: number | null; locations: (string | null)[] }) {
    const rules = await loadActiveRules(db);
    if (rules.length === 0) return null;
    const categoryPath = t.categoryId === null ? [] : await categoryAncestors(db, t.categoryId);
    const match = evaluateAssignmentRules(rules, { categoryPath, locations: t.locations });
    return match && { ruleId: match.rule.id, ruleName: match.rule.name, groupId: match.groupId, reasons: match.reasons };
  }

  return { settings, allSlaPolicies, slaFor, matchAssignmentRule };
}

