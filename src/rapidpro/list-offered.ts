// What a RapidPro workspace offers an admin to choose from: its flows (as polls) and its contact
// groups (as regions and reporter groups).
import type { RapidProClient } from './create-client.ts';
import { collect } from './collect.ts';

export interface Offered {
  uuid: string;
  name: string;
}

export async function listOffered(rapidpro: RapidProClient, kind: 'flows' | 'groups'): Promise<Offered[]> {
  const items = await collect(kind === 'flows' ? rapidpro.flows() : rapidpro.groups());
  // Smart groups are queries over fields, not memberships an admin arranges; archived flows are gone.
  return items
    .filter((item) => ('archived' in item ? !item.archived : !('query' in item && item.query)))
    .map((item) => ({ uuid: item.uuid, name: item.name }));
}
