// The read-only endpoints: workspace, groups, fields, flows, definitions, boundaries.
import { toDefinitionJson } from '../serialize-definition.ts';
import { toBoundaryJson, toFieldJson, toFlowJson, toGroupJson, toWorkspaceJson } from '../serialize.ts';
import { byMethod, checkExclusive, invalid, isTrue, ok, windowOf } from './context.ts';
import { listPage, listSorted, noWindow } from './list.ts';

export const workspace = byMethod({ GET: ({ store }) => ok(toWorkspaceJson(store)) });

// Groups and fields are ordered by creation, newest first; their place in the list is their age.
export const groups = byMethod({
  GET: ({ store, url, pageSize }) => {
    const conflict = checkExclusive(url, ['uuid', 'name']);
    if (conflict) return conflict;
    const uuid = url.searchParams.get('uuid');
    const name = url.searchParams.get('name')?.toLowerCase();
    const items = store.groups.filter((g) => (!uuid || g.uuid === uuid) && (!name || g.name.toLowerCase() === name));
    const age = (g: (typeof items)[number]) => ({ id: store.groups.indexOf(g), at: new Date(0) });
    return listSorted(items, age, { url, pageSize, window: noWindow }, (g) => toGroupJson(g, store));
  },
});

export const fields = byMethod({
  GET: ({ store, url, pageSize }) => {
    const key = url.searchParams.get('key');
    const items = store.fields.filter((f) => !key || f.key === key);
    const age = (f: (typeof items)[number]) => ({ id: store.fields.indexOf(f), at: new Date(0) });
    return listSorted(items, age, { url, pageSize, window: noWindow }, (f) => toFieldJson(f, store));
  },
});

// flows.json is ordered by created_on but its after/before filter modified_on.
export const flows = byMethod({
  GET: ({ store, url, pageSize }) => {
    const uuid = url.searchParams.get('uuid');
    const type = url.searchParams.get('type');
    const archived = url.searchParams.get('archived');
    const window = windowOf(url);
    const items = store.flows.filter(
      (f) =>
        (!uuid || f.uuid === uuid) &&
        (!type || type === 'message') &&
        (!archived || f.archived === isTrue(archived)) &&
        (!window.after || f.modifiedOn >= window.after) &&
        (!window.before || f.modifiedOn <= window.before),
    );
    const age = (f: (typeof items)[number]) => ({ id: store.flows.indexOf(f), at: f.createdOn });
    return listSorted(items, age, { url, pageSize, window: { ...noWindow, empty: window.empty } }, (f) =>
      toFlowJson(f, store),
    );
  },
});

const DEPENDENCIES = ['none', 'flows', 'all'];

export const definitions = byMethod({
  GET: ({ store, url }) => {
    const dependencies = url.searchParams.get('dependencies') ?? 'all';
    if (!DEPENDENCIES.includes(dependencies))
      return invalid({ detail: `dependencies must be one of ${DEPENDENCIES.join(', ')}` });
    const wanted = url.searchParams.getAll('flow');
    const found = store.flows.filter((f) => wanted.includes(f.uuid));
    // The demo flows use no groups or fields, so every level of dependencies gives the same.
    const base = store.workspace.primaryLanguage;
    return ok({
      version: '13',
      site: 'https://rapidpro.simulator',
      flows: found.map((f) => toDefinitionJson(f, base)),
      campaigns: [],
      triggers: [],
      fields: [],
      groups: [],
    });
  },
});

// Boundaries come oldest osm_id first (RapidPro orders them by osm_id, ascending).
export const boundaries = byMethod({
  GET: ({ store, url, pageSize }) => {
    const geometry = isTrue(url.searchParams.get('geometry'));
    const sorted = [...store.boundaries].sort((a, b) => a.osmId.localeCompare(b.osmId));
    const position = (b: (typeof sorted)[number]) => ({ id: -sorted.indexOf(b), at: new Date(0) });
    return listPage(sorted, position, { url, pageSize, window: noWindow }, (b) => toBoundaryJson(b, store, geometry));
  },
});
