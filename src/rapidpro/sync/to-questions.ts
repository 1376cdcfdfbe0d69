// A flow's definition → the poll's questions, in flow order, with their type and rules.
// Modern exports (spec 13) have nodes with switch routers; legacy ones (what TracPro read) have
// rule_sets. Both carry the same meaning: first matching case wins, else the default category.
import { OTHER, type NumericTest, type Rule } from '../../domain/categorise-number.ts';
import type { QuestionType } from '../../db/schema/polls.ts';
import type { FlowDefinitions, RapidProFlow } from '../schemas.ts';

export interface QuestionDef {
  uuid: string;
  resultKey: string;
  name: string;
  type: QuestionType;
  categories: string[];
  rules: Rule[];
}

type FlowExport = FlowDefinitions['flows'][number];

/** RapidPro's result key: the result name lower-cased, anything but letters and digits as `_`. */
function toResultKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

const numericCase: Record<string, (args: number[]) => NumericTest | null> = {
  has_number: () => ({ type: 'number' }),
  has_number_eq: ([v]) => (v === undefined ? null : { type: 'eq', value: v }),
  has_number_lt: ([v]) => (v === undefined ? null : { type: 'lt', value: v }),
  has_number_lte: ([v]) => (v === undefined ? null : { type: 'lte', value: v }),
  has_number_gt: ([v]) => (v === undefined ? null : { type: 'gt', value: v }),
  has_number_gte: ([v]) => (v === undefined ? null : { type: 'gte', value: v }),
  has_number_between: ([min, max]) => (min === undefined || max === undefined ? null : { type: 'between', min, max }),
  // Legacy rule test types.
  number: () => ({ type: 'number' }),
  eq: ([v]) => (v === undefined ? null : { type: 'eq', value: v }),
  lt: ([v]) => (v === undefined ? null : { type: 'lt', value: v }),
  gt: ([v]) => (v === undefined ? null : { type: 'gt', value: v }),
  between: ([min, max]) => (min === undefined || max === undefined ? null : { type: 'between', min, max }),
};

function toRule(category: string, test: string, args: string[]): Rule {
  const parse = numericCase[test];
  const numbers = args.map(Number);
  const numeric = parse && numbers.every(Number.isFinite) ? parse(numbers) : null;
  return numeric ? { category, ...numeric } : { category, type: 'other', test, arguments: args };
}

/** Numeric when every rule is numeric; open-ended when there are no rules; else categorical. */
function toQuestionType(rules: readonly Rule[]): QuestionType {
  if (rules.length === 0) return 'open';
  return rules.every((r) => r.type !== 'other') ? 'numeric' : 'categorical';
}

function withOtherLast(categories: string[]): string[] {
  const named = [...new Set(categories)].filter((c) => c !== OTHER);
  return categories.includes(OTHER) ? [...named, OTHER] : named;
}

function fromNodes(flow: FlowExport, keyOfNode: Map<string, string>): QuestionDef[] {
  const questions: QuestionDef[] = [];
  for (const node of flow.nodes ?? []) {
    const router = node.router;
    if (!router?.result_name) continue;
    const categoryName = new Map(router.categories.map((c) => [c.uuid, c.name]));
    const rules = router.cases.map((c) => toRule(categoryName.get(c.category_uuid) ?? OTHER, c.type, c.arguments));
    const categories = router.categories.map((c) => c.name);
    questions.push({
      uuid: node.uuid,
      resultKey: keyOfNode.get(node.uuid) ?? toResultKey(router.result_name),
      name: router.result_name,
      type: toQuestionType(rules),
      categories: rules.length === 0 ? [] : withOtherLast(categories),
      rules,
    });
  }
  return questions;
}

function fromRuleSets(flow: FlowExport, keyOfNode: Map<string, string>): QuestionDef[] {
  const base = flow.base_language ?? 'base';
  return (flow.rule_sets ?? []).map((set) => {
    const rules = set.rules
      .map((rule) => {
        const category =
          typeof rule.category === 'string'
            ? rule.category
            : (rule.category[base] ?? Object.values(rule.category)[0] ?? OTHER);
        const test = rule.test as { type?: string; test?: unknown; min?: unknown; max?: unknown };
        const args =
          test.type === 'between'
            ? [String(test.min), String(test.max)]
            : test.test !== undefined
              ? [String(test.test)]
              : [];
        return toRule(category, test.type ?? 'true', args);
      })
      // Legacy flows end with a catch-all "true" rule: that is the default category, not a rule.
      .filter((rule) => !(rule.type === 'other' && rule.test === 'true'));
    const categories = set.rules.map((r) =>
      typeof r.category === 'string' ? r.category : (r.category[base] ?? OTHER),
    );
    return {
      uuid: set.uuid,
      resultKey: keyOfNode.get(set.uuid) ?? toResultKey(set.label),
      name: set.label,
      type: toQuestionType(rules),
      categories: rules.length === 0 ? [] : withOtherLast(categories),
      rules,
    };
  });
}

/** Questions of one flow, in order, one per result key (later nodes writing the same result are the same question). */
export function toQuestions(flow: RapidProFlow, definitions: FlowDefinitions): QuestionDef[] {
  const exported = definitions.flows.find((f) => (f.uuid ?? f.metadata?.uuid) === flow.uuid);
  if (!exported) return [];
  const keyOfNode = new Map(flow.results.flatMap((r) => r.node_uuids.map((node) => [node, r.key] as const)));
  const all = exported.nodes ? fromNodes(exported, keyOfNode) : fromRuleSets(exported, keyOfNode);
  const seen = new Set<string>();
  return all.filter((q) => !seen.has(q.resultKey) && seen.add(q.resultKey));
}
