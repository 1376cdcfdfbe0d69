// Dialogs as Slack modals. A modal opens at once with a "loading" note (trigger ids expire in
// 3 s) and is filled in with views.update when the choices have arrived. Choices go into a
// static select up to Slack's 100 options, and into a select that searches as you type beyond.
import type { InputBlockElement, ModalView, PlainTextOption } from '@slack/types';
import type { DialogView, ShownField } from '../../core/create-dialogs.ts';
import type { Option } from '../../core/dialog.ts';
import type { Reply } from '../../core/reply.ts';
import { slackLimits } from './limits.ts';
import { plain, renderBlocks, type SlackBlock } from './render-blocks.ts';

/** Where the modal was opened from, so its answer goes back there. */
export interface ModalOrigin {
  channel: string;
}

function frame(dialogId: string, origin: ModalOrigin, title: string, blocks: SlackBlock[], submit?: string): ModalView {
  return {
    type: 'modal',
    callback_id: `dialog:${dialogId}`,
    private_metadata: JSON.stringify(origin),
    title: plain(title, slackLimits.viewTitle),
    ...(submit ? { submit: plain(submit, slackLimits.viewTitle) } : {}),
    blocks,
  };
}

export function loadingModal(dialogId: string, origin: ModalOrigin, title: string, loading: string): ModalView {
  return frame(dialogId, origin, title, [{ type: 'section', text: plain(loading, slackLimits.sectionText) }]);
}

/** A reply in place of the dialog's fields: why it cannot open (not an admin…), or its outcome. */
export function replyModal(dialogId: string, origin: ModalOrigin, title: string, reply: Reply): ModalView {
  const blocks = renderBlocks(reply)
    .messages.flatMap((m) => m.blocks)
    .slice(0, slackLimits.blocksPerView);
  return frame(dialogId, origin, title, blocks);
}

/**
 * The dialog's form. Drawn again after a slow check failed (`again`), it keeps what was typed or
 * chosen — except secrets, which never travel back to Slack — and shows the error under its field.
 */
export function dialogModal(
  view: DialogView,
  origin: ModalOrigin,
  again?: { values: Record<string, string[]>; errors: Record<string, string> },
): ModalView {
  const blocks = view.fields.flatMap((field): SlackBlock[] => {
    const given = again?.values[field.id];
    const error = again?.errors[field.id];
    const input: SlackBlock = {
      type: 'input',
      block_id: field.id,
      label: plain(field.label, slackLimits.inputLabel),
      hint: plain(field.hint, slackLimits.inputHint),
      element: elementFor(given && field.kind !== 'secret' ? { ...field, chosen: given } : field, given),
    };
    return error
      ? [
          input,
          { type: 'context', block_id: `${field.id}:error`, elements: [plain(`⚠ ${error}`, slackLimits.sectionText)] },
        ]
      : [input];
  });
  return frame(view.dialog.id, origin, view.title, blocks, view.submit);
}

export const toSlackOption = (option: Option): PlainTextOption => ({
  text: plain(option.label, slackLimits.optionText),
  value: option.value,
});

function elementFor(field: ShownField, given?: string[]): InputBlockElement {
  const base = { action_id: 'value' };
  const typed = given?.[0] && field.kind !== 'secret' ? { initial_value: given[0] } : {};
  switch (field.kind) {
    case 'url':
      return { ...base, type: 'url_text_input', ...typed };
    case 'text':
      return { ...base, type: 'plain_text_input', ...typed };
    case 'secret':
      return { ...base, type: 'plain_text_input' };
    case 'user': {
      // Picked users come back as slack:<team>:<user>; the picker wants the user id alone.
      const user = given?.[0]?.split(':').at(-1);
      return { ...base, type: 'users_select', ...(user ? { initial_user: user } : {}) };
    }
    case 'one':
    case 'many': {
      const many = field.kind === 'many';
      const chosen = field.options
        .filter((o) => field.chosen.includes(o.value))
        .slice(0, slackLimits.options)
        .map(toSlackOption);
      const initial = chosen.length === 0 ? {} : many ? { initial_options: chosen } : { initial_option: chosen[0] };
      // Beyond 100 options Slack asks us for matches as the user types (block_suggestion).
      if (field.options.length > slackLimits.options) {
        return { ...base, type: many ? 'multi_external_select' : 'external_select', min_query_length: 0, ...initial };
      }
      return {
        ...base,
        type: many ? 'multi_static_select' : 'static_select',
        options: field.options.map(toSlackOption),
        ...initial,
      };
    }
  }
}

/** A submitted modal's answers, by block: typed values, chosen option values, or a picked user. */
export function readModalValues(
  state: Record<string, Record<string, SubmittedElement>>,
  teamId: string,
): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [block, actions] of Object.entries(state)) {
    const element = Object.values(actions)[0];
    if (!element) continue;
    if (element.selected_user) values[block] = [`slack:${teamId}:${element.selected_user}`];
    else if (element.selected_options) values[block] = element.selected_options.map((o) => o.value);
    else if (element.selected_option) values[block] = [element.selected_option.value];
    else values[block] = element.value ? [element.value] : [];
  }
  return values;
}

export interface SubmittedElement {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_user?: string | null;
}
