// "Connect RapidPro" as a modal: the admin types the address and the token into fields (the token
// never appears in the channel), and the dialog runs `setup connect` with them. RapidPro's verdict
// is shown beside the field at fault.
import type { Translate } from '../../../core/i18n.ts';
import type { SlackDialog } from './dialog.ts';

export const connectRapidPro: SlackDialog = {
  id: 'connect-rapidpro',
  opensFor: (text) => /^setup\s+connect\s*$/i.test(text),
  view: (t: Translate) => ({
    title: t('slack:connect.title'),
    submit: t('slack:connect.submit'),
    blocks: [
      {
        type: 'input',
        block_id: 'url',
        label: { type: 'plain_text', text: t('slack:connect.url') },
        hint: { type: 'plain_text', text: t('slack:connect.urlHint') },
        element: { type: 'url_text_input', action_id: 'value', placeholder: { type: 'plain_text', text: 'https://app.rapidpro.io' } },
      },
      {
        type: 'input',
        block_id: 'token',
        label: { type: 'plain_text', text: t('slack:connect.token') },
        hint: { type: 'plain_text', text: t('slack:connect.tokenHint') },
        element: { type: 'plain_text_input', action_id: 'value' },
      },
    ],
  }),
  toCommand: (values) => `setup connect ${JSON.stringify(values.url ?? '')} ${JSON.stringify(values.token ?? '')}`,
  fieldOf: (errorKey) => (errorKey === 'errors.setupBadToken' ? 'token' : 'url'),
};
