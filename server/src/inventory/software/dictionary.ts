import type { RuleAction, RuleCondition } from '@parc/shared';
import { normalizeName } from './normalize.js';
import { MAX_INPUT, REGEX_FLAGS, regexProblem } from './regex-guard.js';

/**
 * The normalisation dictionary (GLPI's "dictionary of software"), pure: ordered rules that decide, for
 * each inventoried title and version, which product it counts under, whether it is ignored, and its
 * category. Plain data in, placement out; the writers (ingest's classification, re-apply, preview) are
 * in dictionary.repository.ts.
 */

export interface DictionaryRule {
  id: number;
  position: number;
  active: boolean;
  name: RuleCondition | null;
  publisher: RuleCondition | null;
  version: RuleCondition | null;
  action: RuleAction;
  renameTo: { name: string; publisher: string | null } | null;
  productId: number | null;
  category: string | null;
}

/** An inventoried title (a catalogue row as ingest wrote it) and one of its versions. */
export interface TitleVersion {
  name: string;
  publisher: string | null;
  version: string;
}

export type Placement =
  | { kind: 'own' }
  | { kind: 'rename'; name: string; publisher: string | null }
  | { kind: 'map'; productId: number }
  | { kind: 'ignore' };

export interface Outcome {
  placement: Placement;
  category: string | null;
  /** The rule that decided the placement, or null when none did. */
  ruleId: number | null;
  /** Position of the rule that gave the category (for choosing between a product's titles). */
  categoryPosition: number | null;
}

type Test = (value: string | null) => boolean;

function conditionTest(c: RuleCondition): Test {
  if (c.match === 'regex') {
    // Saved rules were checked when written; one that slipped through (an older server) matches nothing.
    const re = regexProblem(c.value) === null ? new RegExp(c.value, REGEX_FLAGS) : null;
    return (v) => re !== null && v !== null && re.test(v.slice(0, MAX_INPUT));
  }
  const want = normalizeName(c.value);
  if (c.match === 'exact') return (v) => v !== null && normalizeName(v) === want;
  return (v) => v !== null && normalizeName(v).startsWith(want);
}

interface CompiledRule {
  rule: DictionaryRule;
  title: (name: string, publisher: string | null) => boolean;
  version: Test;
}

export interface Dictionary {
  readonly rules: readonly CompiledRule[];
}

/** Compiles the active rules in evaluation order. */
export function compileDictionary(rules: readonly DictionaryRule[]): Dictionary {
  const active = rules.filter((r) => r.active).sort((a, b) => a.position - b.position || a.id - b.id);
  return {
    rules: active.map((rule) => {
      const name = rule.name ? conditionTest(rule.name) : null;
      const publisher = rule.publisher ? conditionTest(rule.publisher) : null;
      const version = rule.version ? conditionTest(rule.version) : null;
      return {
        rule,
        title: (n, p) => (name === null || name(n)) && (publisher === null || publisher(p)),
        version: (v) => version === null || version(v),
      };
    }),
  };
}

/** Does one rule's conditions match? (Preview counts what a rule matches, whatever earlier rules decide.) */
export function ruleMatches(rule: DictionaryRule, t: TitleVersion): boolean {
  const [c] = compileDictionary([{ ...rule, active: true }]).rules;
  return c!.title(t.name, t.publisher) && c!.version(t.version);
}

/**
 * Classifies every version of one title: the name and publisher conditions are tested once per title,
 * the version conditions per version. The first matching rename, map or ignore rule decides; the first
 * matching rule carrying a category (up to the deciding one) gives the category.
 */
export function classifyTitle(dict: Dictionary, name: string, publisher: string | null, versions: readonly string[]): Outcome[] {
  const candidates = dict.rules.filter((r) => r.title(name, publisher));
  return versions.map((version) => {
    let category: string | null = null;
    let categoryPosition: number | null = null;
    for (const c of candidates) {
      if (!c.version(version)) continue;
      const r = c.rule;
      if (category === null && r.category !== null) {
        category = r.category;
        categoryPosition = r.position;
      }
      if (r.action === 'category') continue;
      const placement: Placement =
        r.action === 'ignore'
          ? { kind: 'ignore' }
          : r.action === 'map'
            ? { kind: 'map', productId: r.productId! }
            : { kind: 'rename', name: r.renameTo!.name, publisher: r.renameTo!.publisher ?? publisher };
      return { placement, category, ruleId: r.id, categoryPosition };
    }
    return { placement: { kind: 'own' }, category, ruleId: null, categoryPosition };
  });
}

/** One title-version's outcome: a convenience over classifyTitle. */
export function classify(dict: Dictionary, t: TitleVersion): Outcome {
  return classifyTitle(dict, t.name, t.publisher, [t.version])[0]!;
}
