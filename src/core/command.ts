// What a command is, and what it receives. Commands are platform-neutral: they read the mirror,
// may queue work, and return a Reply; they never send anything themselves.
import type { CustomTypeOptions } from 'i18next';
import type { Logger } from 'pino';
import type { ChartRenderer } from '../charts/chart-spec.ts';
import type { Db, Sql } from '../db/client.ts';
import type { Role } from '../db/schema/chat.ts';
import type { RegionTree } from '../domain/region-tree.ts';
import type { RapidProClient } from '../rapidpro/create-client.ts';
import type { Language, Translator } from './i18n.ts';
import type { RateLimits } from './rate-limits.ts';
import type { SecretBox } from './secrets.ts';
import type { Invocation } from './invocation.ts';
import type { ChatRef } from './notifier.ts';
import type { Holding } from './privacy.ts';
import type { Reply } from './reply.ts';

export interface OrgInfo {
  id: number;
  name: string;
  timezone: string;
}

export interface User {
  identityId: number;
  orgId: number;
  role: Role;
  displayName: string | null;
  /** Regions granted explicitly (supervisors); access extends to their descendants. */
  grantedRegionIds: number[];
  /** Poll ids of the user's last `polls` list, for picking one by its number. */
  lastPolls: number[];
}

/** The regions a user may see: all of them (admins) or a set that includes descendants. */
export type Scope = { all: true } | { all: false; regionIds: number[] };

/** Work a command may start without waiting for it (runs through the job scheduler). */
interface Jobs {
  sendOutbox(messageId: number): Promise<void>;
  syncOrg(orgId: number): Promise<void>;
  /** Fetches what a change of polls needs: their questions, and the runs of newly chosen ones. */
  syncPolls(orgId: number): Promise<void>;
  /** Pushes a contact edit made in chat to RapidPro. */
  pushContactEdit(editId: number): Promise<void>;
  /** Backfills runs of the last `days` days, reporting progress to the chat it came from. */
  fetchRuns(request: FetchRunsRequest): Promise<void>;
  /** Puts a digest subscription on its schedule (again, after a change), or takes it off. */
  scheduleDigest(subscriptionId: number, cron: string, timezone: string): Promise<void>;
  cancelDigest(subscriptionId: number): Promise<void>;
  /** Runs a poll start or reminder later: once at a time, or on a cron line. */
  schedule(scheduleId: number, when: { at: Date } | { cron: string; timezone: string }): Promise<void>;
  cancelSchedule(scheduleId: number): Promise<void>;
}

export interface FetchRunsRequest {
  orgId: number;
  days: number;
  chat: ChatRef;
  lng: string;
}

export interface Services {
  db: Db;
  sql: Sql;
  log: Logger;
  /**
   * The org's RapidPro client. For a person waiting, `deadline` (ms since the epoch) is when the
   * answer is needed by: waits for RapidPro's budget or its 429s that end later are not made.
   */
  rapidproFor(orgId: number, options?: { deadline?: number }): Promise<RapidProClient>;
  /** Per-user limits on commands and on sends. */
  limits: RateLimits;
  /** Seals RapidPro tokens before they are stored. */
  secrets: SecretBox;
  jobs: Jobs;
  /** Draws charts as PNG (in-process, or through QuickChart). */
  charts: ChartRenderer;
  now(): Date;
}

export interface CommandContext extends Translator {
  invocation: Invocation;
  user: User;
  org: OrgInfo;
  scope: Scope;
  regions: RegionTree;
  services: Services;
  /** Every registered command (help is generated from it). */
  commands: readonly Command[];
  /** The languages the bot speaks (folders of locales/). */
  languages: readonly Language[];
}

/** What a command run by someone not linked yet may use. */
interface UnlinkedContext extends Translator {
  invocation: Invocation;
  services: Services;
}

/**
 * The lines of `help`'s overview, in order, so it fits one phone screen. Admin-only commands make
 * a line of their own after these, and a command in none of them shows under "other".
 */
export const helpSections = ['polls', 'messaging', 'contacts', 'schedules'] as const;
type HelpSection = (typeof helpSections)[number];

type CommandTexts = CustomTypeOptions['resources']['commands'];
/** A name the catalogue has a usage line and a description for: what `help` and the menus show. */
type CommandName = {
  [K in keyof CommandTexts]: CommandTexts[K] extends { usage: string; description: string } ? K : never;
}[keyof CommandTexts];

/**
 * A command says everything about itself here, in its own file: the registry (commands/index.ts),
 * help, who sees its replies, the chat platforms' menus and the tests all read it from there.
 */
export interface Command {
  name: CommandName;
  aliases?: string[];
  /** The lowest role that may run it. */
  role: Role;
  /** What its replies hold, which decides who may see them (src/core/privacy.ts). */
  holds: Holding;
  /** The line of `help`'s overview it is listed on (admin-only commands have their own). */
  section?: HelpSection;
  /**
   * Its name where a platform cannot take ours. Telegram keeps `/start` for itself (the Start
   * button and t.me/<bot>?start=<code> links send it).
   */
  platformNames?: { telegram?: string };
  /**
   * Lines a person would type, about Kampala where they take a region (the demo workspace's): the
   * first one representative, then one for each sub-command. The permission matrix, the scope
   * tests and the platforms' rendering tests run every command through them.
   */
  samples: readonly [string, ...string[]];
  /** Hidden commands (button targets such as `cancel`) are left out of help. */
  hidden?: boolean;
  run(ctx: CommandContext, args: string[]): Promise<Reply>;
  /** For the one command someone not yet linked may run (redeeming an invite). */
  runUnlinked?(ctx: UnlinkedContext, args: string[]): Promise<Reply>;
}
