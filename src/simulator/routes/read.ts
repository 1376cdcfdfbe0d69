// The read-only endpoints: workspace, groups, fields, flows, definitions, boundaries, messages.
import { paginate } from '../paginate.ts';
import { toBoundaryJson, toDefinitionJson, toFlowJson, toGroupJson, toMessageJson } from '../serialize.ts';
import { isResult, ok, windowOf, type Route } from './context.ts';

export const workspace: Route = ({ store }) =>
  ok({
    uuid: store.workspace.uuid,
    name: store.workspace.name,
    country: store.workspace.country,
    languages: store.workspace.languages,
    primary_language: store.workspace.primaryLanguage,
    timezone: store.workspace.timezone,
    date_style: 'day_first',
    credits: { used: 0, remaining: -1 },
    anon: false,
  });

export const groups: Route = ({ store, url, pageSize }) => {
  const uuid = url.searchParams.get('uuid');
  const name = url.searchParams.get('name');
  const items = store.groups.filter((g) => (!uuid || g.uuid === uuid) && (!name || g.name.toLowerCase() === name.toLowerCase()));
  const { page, next } = paginate(items, (g) => ({ id: store.groups.indexOf(g), at: new Date(0) }), { url, pageSize, after: null, before: null });
  return ok({ next, previous: null, results: page.map((g) => toGroupJson(g, store)) });
};

export const fields: Route = ({ store, url, pageSize }) => {
  const { page, next } = paginate(store.fields, (f) => ({ id: store.fields.indexOf(f), at: new Date(0) }), { url, pageSize, after: null, before: null });
  return ok({ next, previous: null, results: page.map((f) => ({ key: f.key, name: f.name, type: f.type, label: f.name, value_type: f.type })) });
};

export const flows: Route = ({ store, url, pageSize }) => {
  const uuid = url.searchParams.get('uuid');
  const items = store.flows.filter((f) => !uuid || f.uuid === uuid);
  const { page, next } = paginate(items, (f) => ({ id: store.flows.indexOf(f), at: f.modifiedOn }), { url, pageSize, after: null, before: null });
  return ok({ next, previous: null, results: page.map((f) => toFlowJson(f, store)) });
};

export const definitions: Route = ({ store, url }) => {
  const wanted = url.searchParams.getAll('flow');
  const found = store.flows.filter((f) => wanted.includes(f.uuid));
  return ok({ version: '13', site: 'simulator', flows: found.map(toDefinitionJson), campaigns: [], triggers: [], fields: [], groups: [] });
};

export const boundaries: Route = ({ store, url, pageSize }) => {
  const geometry = url.searchParams.get('geometry') === 'true';
  const { page, next } = paginate(store.boundaries, (b) => ({ id: store.boundaries.indexOf(b), at: new Date(0) }), { url, pageSize, after: null, before: null });
  return ok({ next, previous: null, results: page.map((b) => toBoundaryJson(b, store, geometry)) });
};

export const messages: Route = ({ store, url, pageSize }) => {
  const window = windowOf(url);
  if (isResult(window)) return window;
  const folder = url.searchParams.get('folder')?.toLowerCase();
  const contact = url.searchParams.get('contact');
  const items = store.messages.filter(
    (m) =>
      (!contact || m.contactUuid === contact) &&
      (folder !== 'incoming' || m.direction === 'in') &&
      // The inbox holds incoming messages no flow handled.
      (folder !== 'inbox' || (m.direction === 'in' && m.flowUuid === null)) &&
      (folder !== 'sent' || m.direction === 'out'),
  );
  const { page, next } = paginate(items, (m) => ({ id: m.id, at: m.createdOn }), { url, pageSize, ...window });
  return ok({ next, previous: null, results: page.map((m) => toMessageJson(m, store)) });
};

