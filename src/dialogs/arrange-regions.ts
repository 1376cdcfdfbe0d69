// Arranging the region tree: a region, and the region it sits under (or the top level).
import { quote, type Dialog } from '../core/dialog.ts';
import { regionOptions } from './offered-options.ts';

export const arrangeRegions: Dialog = {
  id: 'parent',
  opens: 'setup parent',
  fields: [
    { id: 'region', kind: 'one', options: regionOptions },
    {
      id: 'parent',
      kind: 'one',
      options: async (ctx) => [
        { value: 'none', label: ctx.t('dialogs:parent.top'), word: 'none' },
        ...(await regionOptions(ctx)),
      ],
    },
  ],
  toCommand: (v) => ['setup parent', ...(v.region ?? []).map(quote), ...(v.parent ?? []).map(quote)].join(' '),
  // A region placed under itself or its own descendant: the parent is at fault.
  fieldOf: (errorKey) => (errorKey === 'errors.setupCycle' ? 'parent' : 'region'),
};
