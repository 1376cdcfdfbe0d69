// A flow as definitions.json exports it (spec 13): for each question a node that sends it, then
// a node that waits for the answer with a switch router whose result is the question. Other
// languages live in `localization`, keyed by the uuid of the action or category they translate.
import { FLOW_EXPIRES_MINUTES } from './serialize.ts';
import type { SimFlow, SimQuestion } from './store.ts';

type Localization = Record<string, Record<string, Record<string, string[]>>>;

function translate(
  localization: Localization,
  itemUuid: string,
  key: string,
  translations: Record<string, string> | undefined,
  base: string,
) {
  for (const [lang, text] of Object.entries(translations ?? {})) {
    if (lang === base) continue;
    const forLang = (localization[lang] ??= {});
    forLang[itemUuid] = { ...forLang[itemUuid], [key]: [text] };
  }
}

const firstNodeOf = (q: SimQuestion) => q.prompt?.nodeUuid ?? q.nodeUuid;

export function toDefinitionJson(f: SimFlow, baseLanguage = 'eng') {
  const localization: Localization = {};
  const nodes = f.questions.flatMap((q, i) => {
    const next = f.questions[i + 1];
    const destination = next ? firstNodeOf(next) : null;
    const wait = {
      uuid: q.nodeUuid,
      actions: [],
      router: {
        type: 'switch',
        wait: { type: 'msg' },
        operand: '@input.text',
        result_name: q.name,
        categories: q.categories.map((c) => ({ uuid: c.uuid, name: c.name, exit_uuid: c.exitUuid })),
        cases: q.cases.map((c) => ({
          uuid: c.uuid,
          type: c.type,
          arguments: c.arguments,
          category_uuid: c.categoryUuid,
        })),
        default_category_uuid: q.defaultCategoryUuid,
      },
      exits: q.categories.map((c) => ({ uuid: c.exitUuid, destination_uuid: destination })),
    };
    for (const c of q.categories) translate(localization, c.uuid, 'name', c.translations, baseLanguage);
    if (!q.prompt) return [wait];
    translate(localization, q.prompt.actionUuid, 'text', q.prompt.text, baseLanguage);
    const ask = {
      uuid: q.prompt.nodeUuid,
      actions: [
        {
          type: 'send_msg',
          uuid: q.prompt.actionUuid,
          text: q.prompt.text[baseLanguage] ?? '',
          attachments: [],
          quick_replies: [],
        },
      ],
      exits: [{ uuid: q.prompt.exitUuid, destination_uuid: q.nodeUuid }],
    };
    return [ask, wait];
  });
  return {
    uuid: f.uuid,
    name: f.name,
    spec_version: '13.1.0',
    language: baseLanguage,
    type: 'messaging',
    revision: 1,
    expire_after_minutes: FLOW_EXPIRES_MINUTES,
    localization,
    nodes,
  };
}
