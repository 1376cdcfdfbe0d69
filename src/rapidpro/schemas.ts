// Zod schemas for RapidPro API v2 payloads: every response is parsed here, at the boundary, so
// the rest of the bot works with typed values. They tolerate older and newer field shapes.
import { z } from 'zod';

const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const nullableTimestamp = timestamp
  .nullable()
  .optional()
  .transform((value) => value ?? null);
const ref = z.object({ uuid: z.string(), name: z.string().nullable().optional() });

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ next: z.string().nullable().optional(), results: z.array(item) });

export const workspaceSchema = z.object({
  uuid: z.string().optional(),
  name: z.string(),
  country: z.string().nullable().optional(),
  languages: z.array(z.string()).default([]),
  primary_language: z.string().nullable().optional(),
  timezone: z.string(),
});

export const groupSchema = z.object({
  uuid: z.string(),
  name: z.string(),
  query: z.string().nullable().optional(),
  count: z.number().int().nullable().optional(),
  /**
   * RapidPro's own groups (temba/api/v2/serializers.py ContactGroupReadSerializer `system`, e.g.
   * Open Tickets): nothing an admin chooses or counts.
   */
  system: z.boolean().default(false),
});

export const fieldSchema = z
  .object({
    key: z.string(),
    name: z.string().optional(),
    label: z.string().optional(),
    type: z.string().optional(),
    value_type: z.string().optional(),
  })
  .transform((f) => ({ key: f.key, label: f.name ?? f.label ?? f.key, valueType: f.type ?? f.value_type ?? 'text' }));

const contactStatus = z.enum(['active', 'blocked', 'stopped', 'archived']);

export const contactSchema = z
  .object({
    uuid: z.string(),
    name: z.string().nullable().optional(),
    language: z.string().nullable().optional(),
    urns: z.array(z.string()).default([]),
    groups: z.array(ref).default([]),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).default({}),
    status: contactStatus.optional(),
    // Older RapidPro versions give booleans instead of a status.
    blocked: z.boolean().optional(),
    stopped: z.boolean().optional(),
    created_on: nullableTimestamp,
    modified_on: timestamp,
  })
  .transform(({ blocked, stopped, status, ...c }) => ({
    ...c,
    status: status ?? (blocked ? 'blocked' : stopped ? 'stopped' : 'active'),
  }));

/** `contacts.json?deleted=true` gives only the uuid and when it was deleted. */
export const deletedContactSchema = z.object({ uuid: z.string(), modified_on: timestamp });

export const flowSchema = z.object({
  uuid: z.string(),
  name: z.string(),
  type: z.string().optional(),
  archived: z.boolean().default(false),
  results: z
    .array(
      z.object({
        key: z.string(),
        name: z.string(),
        categories: z.array(z.string()).default([]),
        node_uuids: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  modified_on: nullableTimestamp,
});

const routerCase = z.object({
  uuid: z.string(),
  type: z.string(),
  arguments: z.array(z.string()).default([]),
  category_uuid: z.string(),
});
const routerCategory = z.object({ uuid: z.string(), name: z.string(), exit_uuid: z.string().nullable().optional() });

const flowNodeSchema = z.object({
  uuid: z.string(),
  router: z
    .object({
      type: z.string(),
      result_name: z.string().nullable().optional(),
      categories: z.array(routerCategory).default([]),
      cases: z.array(routerCase).default([]),
      default_category_uuid: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});

/** Legacy (pre spec-13) exports, what TracPro read: rule_sets with rules and tests. */
const legacyRuleSetSchema = z.object({
  uuid: z.string(),
  label: z.string(),
  ruleset_type: z.string().optional(),
  rules: z
    .array(
      z.object({
        category: z.union([z.string(), z.record(z.string(), z.string())]),
        test: z.record(z.string(), z.unknown()),
      }),
    )
    .default([]),
});

export const definitionsSchema = z.object({
  flows: z.array(
    z.object({
      uuid: z.string().optional(),
      name: z.string().optional(),
      base_language: z.string().optional(),
      nodes: z.array(flowNodeSchema).optional(),
      rule_sets: z.array(legacyRuleSetSchema).optional(),
      metadata: z.object({ uuid: z.string() }).partial().optional(),
    }),
  ),
});

const runValue = z.object({
  value: z
    .union([z.string(), z.number()])
    .nullable()
    .optional()
    .transform((v) => (v == null ? null : String(v))),
  category: z.string().nullable().optional(),
  node: z.string().optional(),
  time: nullableTimestamp,
  name: z.string().optional(),
});

export const runSchema = z.object({
  id: z.number().int().optional(),
  uuid: z.string(),
  flow: ref,
  contact: ref.extend({ urn: z.string().nullable().optional() }),
  start: z.object({ uuid: z.string() }).nullable().optional(),
  responded: z.boolean().default(false),
  values: z.record(z.string(), runValue).default({}),
  created_on: timestamp,
  modified_on: timestamp,
  exited_on: nullableTimestamp,
  exit_type: z.string().nullable().optional(),
});

export const boundarySchema = z.object({
  osm_id: z.string(),
  name: z.string(),
  level: z.number().int(),
  parent: z.object({ osm_id: z.string() }).nullable().optional(),
  geometry: z.unknown().optional(),
});

export const messageSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  contact: ref.nullable().optional(),
  direction: z.string(),
  type: z.string().nullable().optional(),
  text: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? ''),
  attachments: z.array(z.object({ url: z.string() }).passthrough()).default([]),
  flow: ref.nullable().optional(),
  created_on: timestamp,
});

export const flowStartSchema = z.object({ uuid: z.string(), status: z.string().optional() });
export const broadcastSchema = z.object({ id: z.union([z.number(), z.string()]).transform(String) });

const contactRefs = z.array(z.object({ uuid: z.string() })).default([]);

/** A flow start as listed: the outbox finds its own by the batch key it put in `params`. */
export const flowStartListedSchema = z.object({
  uuid: z.string(),
  contacts: contactRefs,
  params: z.record(z.string(), z.unknown()).nullable().optional(),
  /** What older RapidPro versions call `params`. */
  extra: z.record(z.string(), z.unknown()).nullable().optional(),
  created_on: z.coerce.date(),
  /** What the list is ordered (newest first) and filtered by (temba/api/v2/views.py, FlowStartsEndpoint). */
  modified_on: z.coerce.date().optional(),
});

/** A broadcast as listed: text per language (or plain, in older RapidPro versions). */
export const broadcastListedSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  contacts: contactRefs,
  text: z.union([z.string(), z.record(z.string(), z.string())]),
  created_on: z.coerce.date(),
});

export type RapidProContact = z.infer<typeof contactSchema>;
export type DeletedContact = z.infer<typeof deletedContactSchema>;
export type RapidProFlow = z.infer<typeof flowSchema>;
export type FlowDefinitions = z.infer<typeof definitionsSchema>;
export type RapidProRun = z.infer<typeof runSchema>;
export type RapidProMessage = z.infer<typeof messageSchema>;
