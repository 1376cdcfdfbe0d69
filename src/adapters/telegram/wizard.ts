// A dialog as a Telegram wizard: one field per step, in one message edited in place. Choices are
// inline buttons (toggles for several, a page at a time); typed answers come as the next message.
// This file is the pure part — the state, what a button press does to it, and how it looks; the
// state is kept in PostgreSQL by the caller, so a wizard survives a restart.
import type { DialogView, ShownField } from '../../core/create-dialogs.ts';
import { fieldText, type Dialog, type Option } from '../../core/dialog.ts';
import type { Translate } from '../../core/i18n.ts';
import { escapeHtml } from './render-reply.ts';
import { toRightToLeft } from './right-to-left.ts';

const PAGE_SIZE = 8;
const LABEL_MAX = 48;

export interface WizardState {
  dialogId: Dialog['id'];
  /** Ties buttons to this wizard: a keyboard left from an earlier one does nothing. */
  nonce: string;
  step: number;
  page: number;
  fields: { id: string; kind: ShownField['kind']; options: Option[] }[];
  values: Record<string, string[]>;
  /** Why the last submission was refused, shown above the field at fault. */
  error?: string;
}

export type WizardAction =
  | { kind: 'toggle'; index: number }
  | { kind: 'choose'; index: number }
  | { kind: 'page'; page: number }
  | { kind: 'next' }
  | { kind: 'cancel' };

export interface WizardKeyboardButton {
  text: string;
  callback_data: string;
}

export function startWizard(view: DialogView, nonce: string): WizardState {
  return {
    dialogId: view.dialog.id,
    nonce,
    step: 0,
    page: 0,
    fields: view.fields.map((f) => ({ id: f.id, kind: f.kind, options: f.options })),
    values: Object.fromEntries(view.fields.map((f) => [f.id, f.chosen])),
  };
}

export const currentField = (state: WizardState) => state.fields[state.step]!;
const isLastStep = (state: WizardState) => state.step === state.fields.length - 1;
/** Whether the current step waits for a typed message rather than a button. */
export const awaitsText = (state: WizardState) => ['text', 'url', 'secret'].includes(currentField(state).kind);

/** Callback data: `w:<nonce>:<action>[:<number>]`, a few bytes whatever the option's name. */
const codes = { toggle: 't', choose: 'c', page: 'p', next: 'n', cancel: 'x' } as const;

export function wizardData(nonce: string, action: WizardAction): string {
  return `w:${nonce}:${codes[action.kind]}${'index' in action ? `:${action.index}` : 'page' in action ? `:${action.page}` : ''}`;
}

export function parseWizardData(data: string): { nonce: string; action: WizardAction } | null {
  const match = /^w:([A-Za-z0-9_-]+):([tcpnx])(?::(\d+))?$/.exec(data);
  if (!match) return null;
  const [, nonce, code, n] = match as unknown as [string, string, string, string | undefined];
  const number = Number(n ?? 0);
  const action: WizardAction | null =
    code === 't'
      ? { kind: 'toggle', index: number }
      : code === 'c'
        ? { kind: 'choose', index: number }
        : code === 'p'
          ? { kind: 'page', page: number }
          : code === 'n'
            ? { kind: 'next' }
            : { kind: 'cancel' };
  return { nonce, action };
}

/** What an answer leads to: the wizard shown at its new step, the command run, or nothing more. */
export interface WizardOutcome {
  next: 'show' | 'submit' | 'cancel';
  state: WizardState;
}

/** What a press does. Choosing one option on a step moves on by itself. */
export function pressWizard(state: WizardState, action: WizardAction): WizardOutcome {
  const field = currentField(state);
  const show = (changed: WizardState): WizardOutcome => ({ next: 'show', state: changed });
  switch (action.kind) {
    case 'cancel':
      return { next: 'cancel', state };
    case 'page':
      return show({ ...state, page: Math.max(0, Math.min(action.page, pageCount(field.options) - 1)) });
    case 'toggle': {
      const option = field.options[action.index];
      if (!option) return show(state);
      const chosen = state.values[field.id] ?? [];
      const values = chosen.includes(option.value)
        ? chosen.filter((v) => v !== option.value)
        : [...chosen, option.value];
      return show({ ...state, values: { ...state.values, [field.id]: values } });
    }
    case 'choose': {
      const option = field.options[action.index];
      if (!option) return show(state);
      return advance({ ...state, values: { ...state.values, [field.id]: [option.value] } });
    }
    case 'next':
      return advance(state);
  }
}

/** A typed answer for the current step. */
export function typeIntoWizard(state: WizardState, text: string): WizardOutcome {
  return advance({ ...state, values: { ...state.values, [currentField(state).id]: [text.trim()] } });
}

function advance(state: WizardState): WizardOutcome {
  if (isLastStep(state)) return { next: 'submit', state };
  return { next: 'show', state: { ...state, step: state.step + 1, page: 0, error: undefined } };
}

/** After a refused submission: back to the field at fault, with the reason. */
export function refuseWizard(state: WizardState, fieldId: string | undefined, error: string): WizardState {
  const step = Math.max(
    0,
    state.fields.findIndex((f) => f.id === fieldId),
  );
  return { ...state, step, page: 0, error };
}

const pageCount = (options: Option[]) => Math.max(1, Math.ceil(options.length / PAGE_SIZE));

export function renderWizard(
  state: WizardState,
  t: Translate,
  direction: 'ltr' | 'rtl' = 'ltr',
): { html: string; keyboard: WizardKeyboardButton[][] } {
  const field = currentField(state);
  const button = (text: string, action: WizardAction) => ({ text, callback_data: wizardData(state.nonce, action) });
  const chosen = state.values[field.id] ?? [];
  // Every line of a right-to-left wizard starts right to left (see right-to-left.ts).
  const text = (line: string) => escapeHtml(direction === 'rtl' ? toRightToLeft(line) : line);
  const lines = [
    `<b>${text(t(`dialogs:${state.dialogId}.title`))}</b>`,
    text(t('dialogs:step', { n: state.step + 1, count: state.fields.length })),
    ...(state.error ? [text(`⚠️ ${state.error}`)] : []),
    '',
    `<b>${text(t(fieldText(state.dialogId, field.id, 'label')))}</b>`,
    `<i>${text(t(fieldText(state.dialogId, field.id, 'hint')))}</i>`,
  ];
  const keyboard: WizardKeyboardButton[][] = [];
  if (field.kind === 'one' || field.kind === 'many') {
    if (field.options.length === 0) lines.push('', text(t('dialogs:noOptions')));
    if (field.kind === 'many') lines.push('', text(t('dialogs:chosen', { count: chosen.length })));
    const first = state.page * PAGE_SIZE;
    field.options.slice(first, first + PAGE_SIZE).forEach((option, i) => {
      const label = clip(option.label);
      keyboard.push([
        field.kind === 'many'
          ? button(`${chosen.includes(option.value) ? '✅' : '▫️'} ${label}`, { kind: 'toggle', index: first + i })
          : button(chosen.includes(option.value) ? `• ${label}` : label, { kind: 'choose', index: first + i }),
      ]);
    });
    const pages = pageCount(field.options);
    if (pages > 1) {
      const nav: WizardKeyboardButton[] = [];
      if (state.page > 0) nav.push(button(t('dialogs:previous'), { kind: 'page', page: state.page - 1 }));
      nav.push({
        text: `${state.page + 1}/${pages}`,
        callback_data: wizardData(state.nonce, { kind: 'page', page: state.page }),
      });
      if (state.page < pages - 1) nav.push(button(t('dialogs:more'), { kind: 'page', page: state.page + 1 }));
      keyboard.push(nav);
    }
  } else {
    lines.push('', text(t('dialogs:typeIt')));
  }
  const last = [button(t('dialogs:cancel'), { kind: 'cancel' })];
  if (field.kind === 'many')
    last.push(button(isLastStep(state) ? t(`dialogs:${state.dialogId}.submit`) : t('dialogs:next'), { kind: 'next' }));
  keyboard.push(last);
  return { html: lines.join('\n'), keyboard };
}

function clip(label: string): string {
  const chars = [...label];
  return chars.length <= LABEL_MAX ? label : `${chars.slice(0, LABEL_MAX - 1).join('')}…`;
}
