// The registry: every command, once. Help and the chat platforms' command menus come from here.
import type { Command } from '../src/core/command.ts';
import { activity } from './activity.ts';
import { audit } from './audit.ts';
import { chart } from './chart.ts';
import { cancel } from './cancel.ts';
import { contact } from './contact.ts';
import { contacts } from './contacts.ts';
import { digest } from './digest.ts';
import { digests } from './digests.ts';
import { exportCommand } from './export.ts';
import { fetchRuns } from './fetch-runs.ts';
import { forecast } from './forecast.ts';
import { help } from './help.ts';
import { inbox } from './inbox.ts';
import { invite } from './invite.ts';
import { join } from './join.ts';
import { indicators } from './indicators.ts';
import { lang } from './lang.ts';
import { participation } from './participation.ts';
import { pictures } from './pictures.ts';
import { message } from './message.ts';
import { messages } from './messages.ts';
import { nonrespondents } from './nonrespondents.ts';
import { poll } from './poll.ts';
import { polls } from './polls.ts';
import { rename } from './rename.ts';
import { remind } from './remind.ts';
import { reply } from './reply.ts';
import { restart } from './restart.ts';
import { results } from './results.ts';
import { schedulesCommand } from './schedules.ts';
import { send } from './send.ts';
import { setup } from './setup.ts';
import { start } from './start.ts';
import { supervisor } from './supervisor.ts';
import { sync } from './sync.ts';
import { watch } from './watch.ts';
import { whoami } from './whoami.ts';

export const commands: readonly Command[] = [
  help,
  polls,
  poll,
  participation,
  results,
  chart,
  indicators,
  nonrespondents,
  message,
  messages,
  start,
  restart,
  exportCommand,
  activity,
  contact,
  contacts,
  inbox,
  reply,
  digest,
  digests,
  remind,
  watch,
  forecast,
  schedulesCommand,
  setup,
  rename,
  supervisor,
  invite,
  join,
  sync,
  fetchRuns,
  audit,
  whoami,
  lang,
  pictures,
  send,
  cancel,
];
