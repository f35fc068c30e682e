import type { Db } from '../../platform/db/database.js';
import { loadActiveRules } from '../assignment/assignment-rules.service.js';
import { categoryAncestors } from '../categories/categories.repository.js';
import { getHelpdeskSettings } from '../settings/helpdesk-settings.service.js';
import { allSlaPolicies as loadAllSlaPolicies, findSlaPolicy } from '../sla/sla-policies.service.js';
import { evaluateAssignmentRules } from '../assignment/assignment-rules.js';
import type { ResolvedSlaPolicy } from '../sla/ticket-sla.js';

/** The helpdesk configuration the tickets service reads: settings, SLA policies, assignment rules. */
export function helpdeskContext(db: Db) {
  const settings = () => getHelpdeskSettings(db);

  const allSlaPolicies = (): Promise<Map<number, ResolvedSlaPolicy>> => loadAllSlaPolicies(db);

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

