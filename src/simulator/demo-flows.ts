// The demo's flows: numeric (Attendance), categorical (School Status), open-ended (Feedback), and
// the term's enrolment, a baseline for attendance. Uuids come from the seeded generator, so they
// are stable for a seed.
import { categoryNames, needs, noWords, prompts, yesWords } from './demo-names.ts';
import { between, pickOne, randomUuid, type Random } from './random.ts';
import type { SimCase, SimCategory, SimContact, SimFlow, SimQuestion } from './store.ts';

type Lang = 'eng' | 'fra' | 'ara';
const langOf = (c: SimContact): Lang => (c.language === 'fra' || c.language === 'ara' ? c.language : 'eng');

interface CaseSpec {
  type: string;
  arguments: string[];
  category: string;
}

function question(
  random: Random,
  key: keyof typeof prompts,
  name: string,
  categories: string[],
  cases: CaseSpec[],
  answer: SimQuestion['answer'],
): SimQuestion {
  const prompt = {
    nodeUuid: randomUuid(random),
    actionUuid: randomUuid(random),
    exitUuid: randomUuid(random),
    text: { ...prompts[key] },
  };
  const cats: SimCategory[] = categories.map((n) => ({
    uuid: randomUuid(random),
    name: n,
    exitUuid: randomUuid(random),
    translations: categoryNames[n],
  }));
  const uuidOf = (n: string) => cats.find((c) => c.name === n)!.uuid;
  const simCases: SimCase[] = cases.map((c) => ({
    uuid: randomUuid(random),
    type: c.type,
    arguments: c.arguments,
    categoryUuid: uuidOf(c.category),
  }));
  // The default category ("Other", or "All Responses" for an open question) comes last.
  return {
    nodeUuid: randomUuid(random),
    key,
    name,
    categories: cats,
    cases: simCases,
    defaultCategoryUuid: cats[cats.length - 1]!.uuid,
    prompt,
    answer,
  };
}

/** A head count: mostly plausible numbers, some on the rules' bounds, some decimals, a few words. */
function headCount(_c: SimContact, random: Random): string {
  const roll = random();
  if (roll < 0.1) return pickOne(random, ['10', '40']);
  if (roll < 0.14) return `${between(random, 10, 30)}.5`;
  if (roll < 0.17) return pickOne(random, ['many', 'not sure', 'beaucoup']);
  if (roll < 0.2) return `${between(random, 5, 50)} pupils`;
  return String(between(random, 0, 60));
}

const attendanceCases: CaseSpec[] = [
  { type: 'has_number_lt', arguments: ['10'], category: 'Few' },
  { type: 'has_number_between', arguments: ['10', '40'], category: 'Normal' },
  { type: 'has_number_gt', arguments: ['40'], category: 'Many' },
];

function yesNo(yesShare: number): SimQuestion['answer'] {
  return (c, random) => {
    const roll = random();
    if (roll < 0.05) return pickOne(random, ['?', 'maybe', 'ok']);
    return roll < yesShare ? yesWords[langOf(c)] : noWords[langOf(c)];
  };
}

const yesNoCases: CaseSpec[] = [
  { type: 'has_any_word', arguments: ['yes y oui نعم'], category: 'Yes' },
  { type: 'has_any_word', arguments: ['no n non لا'], category: 'No' },
];

export function createDemoFlows(random: Random, createdOn: Date): SimFlow[] {
  const flow = (name: string, questions: SimQuestion[]): SimFlow => ({
    uuid: randomUuid(random),
    name,
    createdOn,
    modifiedOn: createdOn,
    archived: false,
    questions,
  });
  return [
    flow('Attendance', [
      question(random, 'boys', 'Boys present', ['Few', 'Normal', 'Many', 'Other'], attendanceCases, headCount),
      question(random, 'girls', 'Girls present', ['Few', 'Normal', 'Many', 'Other'], attendanceCases, headCount),
    ]),
    flow('School Status', [
      question(random, 'open', 'School open', ['Yes', 'No', 'Other'], yesNoCases, yesNo(0.85)),
      question(random, 'water', 'Water available', ['Yes', 'No', 'Other'], yesNoCases, yesNo(0.6)),
    ]),
    flow('Feedback', [
      question(random, 'needs', 'Needs', ['All Responses'], [], (c, r) => pickOne(r, needs[langOf(c)])),
    ]),
  ];
}

/** Enrolment: a few more pupils than are ever present, so attendance reads as a share of it. */
function enrolled(_c: SimContact, random: Random): string {
  return String(between(random, 45, 75));
}

const enrolmentCases: CaseSpec[] = [
  { type: 'has_number_lt', arguments: ['50'], category: 'Small' },
  { type: 'has_number_between', arguments: ['50', '65'], category: 'Medium' },
  { type: 'has_number_gt', arguments: ['65'], category: 'Large' },
];

/** The term's enrolment, asked once: the baseline `indicators` compares attendance with. */
export function createEnrolmentFlow(random: Random, createdOn: Date): SimFlow {
  const categories = ['Small', 'Medium', 'Large', 'Other'];
  return {
    uuid: randomUuid(random),
    name: 'Enrolment',
    createdOn,
    modifiedOn: createdOn,
    archived: false,
    questions: [
      question(random, 'boysEnrolled', 'Boys enrolled', categories, enrolmentCases, enrolled),
      question(random, 'girlsEnrolled', 'Girls enrolled', categories, enrolmentCases, enrolled),
    ],
  };
}
