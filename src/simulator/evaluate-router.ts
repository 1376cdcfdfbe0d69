// What RapidPro's flow engine does with an answer: the first case that matches picks the
// category, else the default one. Only the case types the demo flows use are implemented.
import type { SimQuestion } from './store.ts';

function firstNumber(text: string): number | null {
  const match = /-?\d+(?:[.,]\d+)?/.exec(text);
  return match ? Number(match[0].replace(',', '.')) : null;
}

function matches(type: string, args: string[], input: string): boolean {
  const n = firstNumber(input);
  const [a, b] = args.map(Number);
  switch (type) {
    case 'has_number':
      return n !== null;
    case 'has_number_eq':
      return n !== null && n === a;
    case 'has_number_lt':
      return n !== null && n < a!;
    case 'has_number_lte':
      return n !== null && n <= a!;
    case 'has_number_gt':
      return n !== null && n > a!;
    case 'has_number_gte':
      return n !== null && n >= a!;
    case 'has_number_between':
      return n !== null && n >= a! && n <= b!;
    case 'has_any_word': {
      const words = new Set(input.toLowerCase().split(/[^\p{L}\p{N}]+/u));
      return args
        .join(' ')
        .toLowerCase()
        .split(/\s+/)
        .some((w) => words.has(w));
    }
    default:
      return false;
  }
}

/** The category name and the value RapidPro would store (numbers as the number it read). */
export function evaluate(question: SimQuestion, input: string): { category: string; value: string } {
  for (const c of question.cases) {
    if (matches(c.type, c.arguments, input)) {
      const category = question.categories.find((cat) => cat.uuid === c.categoryUuid)!.name;
      const n = c.type.startsWith('has_number') ? firstNumber(input) : null;
      return { category, value: n === null ? input : String(n) };
    }
  }
  const fallback = question.categories.find((cat) => cat.uuid === question.defaultCategoryUuid)!;
  return { category: fallback.name, value: input };
}
