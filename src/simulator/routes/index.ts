// Every endpoint the simulator serves, by name (`/api/v2/<name>.json`).
import { broadcasts } from './broadcasts.ts';
import { contacts } from './contacts.ts';
import type { Route } from './context.ts';
import { flowStarts } from './flow-starts.ts';
import { messages } from './messages.ts';
import * as read from './read.ts';
import { runs } from './runs.ts';

export const routes: Record<string, Route> = {
  workspace: read.workspace,
  // The older name of workspace.json, which older RapidPro versions serve.
  org: read.workspace,
  groups: read.groups,
  fields: read.fields,
  flows: read.flows,
  definitions: read.definitions,
  boundaries: read.boundaries,
  messages,
  contacts,
  runs,
  flow_starts: flowStarts,
  broadcasts,
};
