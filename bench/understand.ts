// bench/understand: how long reading one free question takes (src/understand/read-question.ts),
// per language, over the corpus's questions (test/understand/corpus.ts): against the demo
// workspace's names, and against a large workspace (60 polls with 5 questions each, 400 regions,
// 20 reporter groups). The first question of a process also pays for compiling chrono-node's
// patterns: that is printed apart (the bot pays it once, at its first question).
//   npx tsx bench/understand.ts          # ROUNDS=20 by default
import type { Catalog } from '../src/understand/catalog.ts';
import { readQuestion } from '../src/understand/read-question.ts';
import { CORPUS_NOW, CORPUS_TIMEZONE, corpus } from '../test/understand/corpus.ts';
import { demoCatalog } from '../test/understand/demo-catalog.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 20);

const large: Catalog = {
  polls: [...demoCatalog.polls, ...Array.from({ length: 56 }, (_, i) => ({ id: 100 + i, name: `Survey ${i} Round` }))],
  questions: [
    ...demoCatalog.questions,
    ...Array.from({ length: 280 }, (_, i) => ({ name: `Item ${i} asked`, pollId: 100 + (i % 56) })),
  ],
  regions: [
    ...demoCatalog.regions,
    ...Array.from({ length: 392 }, (_, i) => ({
      id: 1000 + i,
      name: `District ${String.fromCharCode(65 + (i % 26))}${i}`,
    })),
  ],
  groups: [...demoCatalog.groups, ...Array.from({ length: 18 }, (_, i) => ({ id: 2000 + i, name: `Group ${i}` }))],
  fields: demoCatalog.fields,
};

const options = (language: string) => ({ now: CORPUS_NOW, timezone: CORPUS_TIMEZONE, language });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

let started = performance.now();
readQuestion(corpus.en[0]![0], demoCatalog, options('en'));
console.log(`first question of the process: ${(performance.now() - started).toFixed(0)} ms`);
for (const [language, cases] of Object.entries(corpus))
  for (const [q] of cases) readQuestion(q, demoCatalog, options(language));

// Wall time, and the process's CPU time (what a question costs when the machine is busy with others).
console.log('| language | workspace | questions × rounds | p50 | p95 | max | CPU p50 | CPU p95 |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, catalog] of [
  ['demo', demoCatalog],
  ['large', large],
] as const) {
  for (const [language, cases] of Object.entries(corpus)) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [question] of cases) {
        const cpuBefore = process.cpuUsage();
        started = performance.now();
        readQuestion(question, catalog, options(language));
        times.push(performance.now() - started);
        const used = process.cpuUsage(cpuBefore);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(
      `| ${language} | ${name} | ${cases.length} × ${ROUNDS} | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} | ${ms(times.at(-1)!)} | ${ms(percentile(cpu, 0.5))} | ${ms(percentile(cpu, 0.95))} |`,
    );
  }
}
