// A date typed in a command, in the user's words and language: `participation Attendance hier
// Kampala` is yesterday's poll run, never a region called "hier". The same parser reads the day of
// a scheduled start and of a weekly digest.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { localDay } from '../../src/domain/local-day.ts';

let demo: DemoOrg;
let today: Date;
before(async () => {
  demo = await createDemoOrg();
  today = new Date(`${localDay(new Date(), demo.org.timezone)}T00:00:00Z`);
});
after(() => demo?.close());

const daysBefore = (day: string) => Math.round((today.getTime() - new Date(`${day}T00:00:00Z`).getTime()) / 86_400_000);

/** Each language's words for a day `n` days back (yesterday's own word when n = 1). */
const wordsFor = (n: number): Record<string, string> =>
  n === 1
    ? { en: 'yesterday', fr: 'hier', es: 'ayer', pt: 'ontem', ar: 'أمس' }
    : { en: `${n} days ago`, fr: `il y a ${n} jours`, es: `hace ${n} dias`, pt: `há ${n} dias`, ar: `قبل ${n} أيام` };

async function inLanguage<T>(lng: string, work: () => Promise<T>): Promise<T> {
  await demo.sql`update chat_identities set language = ${lng} where external_id = 'admin'`;
  try {
    return await work();
  } finally {
    await demo.sql`update chat_identities set language = null where external_id = 'admin'`;
  }
}

test('a relative date in each language picks that day’s poll run, in every command that takes a date', async () => {
  const [run] = await demo.sql<{ day: string }[]>`
    select pr.day::text as day from poll_runs pr join polls p on p.id = pr.poll_id
    where p.name = 'Attendance' and pr.day < ${today.toISOString().slice(0, 10)} order by pr.day desc limit 1`;
  const words = wordsFor(daysBefore(run!.day));
  for (const [lng, word] of Object.entries(words)) {
    await inLanguage(lng, async () => {
      for (const command of ['participation', 'results', 'nonrespondents']) {
        const reply = await demo.run('admin', `${command} Attendance ${word} Kampala`);
        assert.ok(!reply.isError, `${lng} ${command} ${word}: ${demo.text(reply)}`);
        assert.match(demo.text(reply), new RegExp(run!.day), `${lng} ${command} ${word}`);
      }
    });
  }
});

test('a weekday named in each language, alone or as "last …", is the last such day', async () => {
  const runs = await demo.sql<{ day: string }[]>`
    select distinct pr.day::text as day from poll_runs pr join polls p on p.id = pr.poll_id
    where p.name = 'Attendance' and pr.day >= ${new Date(today.getTime() - 6 * 86_400_000).toISOString().slice(0, 10)}
      and pr.day < ${today.toISOString().slice(0, 10)} order by day desc`;
  if (runs.length === 0) return assert.fail('the demo has a poll run in the last week');
  const day = runs[0]!.day;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const names: Record<string, string[]> = {
    en: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
    fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    es: ['domingo', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado'],
    pt: ['domingo', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado'],
    ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  };
  const last: Record<string, (name: string) => string> = {
    en: (name) => `last ${name}`,
    fr: (name) => `${name} dernier`,
    es: (name) => `${name} pasado`,
    pt: (name) => `${name} passada`,
    ar: (name) => `${name} الماضي`,
  };
  for (const [lng, list] of Object.entries(names)) {
    await inLanguage(lng, async () => {
      for (const word of [list[weekday]!, last[lng]!(list[weekday]!)]) {
        const reply = await demo.run('admin', `participation Attendance ${word}`);
        assert.match(demo.text(reply), new RegExp(day), `${lng}: ${word} → ${demo.text(reply).slice(0, 200)}`);
      }
    });
  }
});

test('this week and last week, in words or as an ISO week: the latest poll run inside it', async () => {
  const reply = await demo.run('admin', 'participation Attendance this week');
  const latest = demo.text(await demo.run('admin', 'participation Attendance'));
  const latestDay = /— (\d{4}-\d\d-\d\d)/.exec(latest)![1]!;
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000);
  if (latestDay >= monday.toISOString().slice(0, 10)) assert.match(demo.text(reply), new RegExp(latestDay));
  else assert.match(demo.text(reply), /was not conducted in the week of/);
  await inLanguage('es', async () => {
    const text = demo.text(await demo.run('admin', 'results Attendance la semana pasada Kampala'));
    assert.doesNotMatch(text, /región/, 'the words are a date, not a region');
  });
  assert.match(demo.text(await demo.run('admin', 'participation Attendance 2026-W60')), /“2026-W60” is not a date/);
});

test('a scheduled start and a weekly digest read their day in the user’s language', async () => {
  await inLanguage('fr', async () => {
    const start = demo.text(await demo.run('admin', 'start Attendance Kampala at demain 09:00'));
    const tomorrow = new Date(today.getTime() + 86_400_000).toISOString().slice(0, 10);
    assert.match(start, /start #\d+ #\d+ at \d{4}-\d\d-\d\d 09:00 --confirm=/);
    assert.ok(start.includes(`at ${tomorrow} 09:00`), start);
  });
  await inLanguage('pt', async () => {
    assert.match(demo.text(await demo.run('admin', 'digest weekly segunda 08:00')), /segunda/i);
  });
  await inLanguage('ar', async () => {
    assert.ok(!(await demo.run('admin', 'digest weekly الخميس 08:00')).isError);
  });
  const crons = await demo.sql<{ cron: string }[]>`select cron from digest_subscriptions order by id`;
  assert.deepEqual(
    crons.map((c) => c.cron),
    ['0 8 * * 1', '0 8 * * 4'],
  );
});
