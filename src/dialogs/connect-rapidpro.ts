// Connect RapidPro: the address and the API token. The token is typed into a modal field (Slack)
// or a private chat whose message is deleted once read (Telegram), never into a channel.
import { quote, type Dialog } from '../core/dialog.ts';

export const connectRapidPro: Dialog = {
  id: 'connect',
  opens: 'setup connect',
  privateOnly: true,
  fields: [
    { id: 'url', kind: 'url' },
    { id: 'token', kind: 'secret' },
  ],
  toCommand: (v) => `setup connect ${quote(v.url?.[0] ?? '')} ${quote(v.token?.[0] ?? '')}`,
  // RapidPro refusing the token is the token's fault; anything else is the address's.
  fieldOf: (errorKey) => (errorKey === 'errors.setupBadToken' ? 'token' : 'url'),
};
