// Smart groups hold the active contacts matching their query. RapidPro's query language is
// large; the simulator understands the one form its demo uses: `field = "value"`.
import type { SimContact, SimulatorStore } from './store.ts';

function matches(query: string, contact: SimContact): boolean {
  const parsed = /^\s*(\w+)\s*=\s*"([^"]*)"\s*$/.exec(query);
  if (!parsed) return false;
  const [, key, value] = parsed;
  return contact.status === 'active' && (contact.fields[key!] ?? '').toLowerCase() === value!.toLowerCase();
}

/** The contact's groups with smart memberships brought up to date; static ones are kept. */
export function withSmartGroups(store: SimulatorStore, contact: SimContact, staticGroups: string[]): string[] {
  const smart = store.groups.filter((g) => g.query !== null);
  const kept = staticGroups.filter((uuid) => !smart.some((g) => g.uuid === uuid));
  return [...kept, ...smart.filter((g) => matches(g.query!, contact)).map((g) => g.uuid)];
}
