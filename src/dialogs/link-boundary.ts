// Linking a region to the RapidPro boundary maps draw it with (or to none): the dialog of
// `setup boundary`, for regions whose name is not their boundary's.
import { quote, type Dialog } from '../core/dialog.ts';
import { regionOptions } from './offered-options.ts';

export const linkBoundary: Dialog = {
  id: 'boundary',
  opens: 'setup boundary',
  fields: [
    { id: 'region', kind: 'one', options: regionOptions },
    {
      id: 'boundary',
      kind: 'one',
      options: async (ctx) => {
        // Boundaries that can be drawn; the OSM id goes on the command line, names may repeat
        // across levels ("Kampala" the district and the city).
        const boundaries = await ctx.services.sql<{ name: string; osmId: string }[]>`
          select name, osm_id as "osmId" from boundaries
          where org_id = ${ctx.org.id} and geometry is not null order by level, name`;
        return [
          { value: 'none', label: ctx.t('dialogs:boundary.none'), word: 'none' },
          ...boundaries.map((b) => ({ value: b.osmId, label: `${b.name} (${b.osmId})`, word: b.osmId })),
        ];
      },
    },
  ],
  toCommand: (v) => ['setup boundary', ...(v.region ?? []).map(quote), ...(v.boundary ?? [])].join(' '),
  fieldOf: (errorKey) => (errorKey === 'errors.boundaryNotFound' ? 'boundary' : 'region'),
};
