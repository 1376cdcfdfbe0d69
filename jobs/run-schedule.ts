import type { JobDefinition } from './job.ts';
import { sendOutbound } from '../src/outbox/send-outbound.ts';
import { runSchedule } from '../src/schedules/run-schedule.ts';

/** A scheduled poll start or reminder, when its time comes (one Agenda job per schedule). */
export const runScheduleJob: JobDefinition<'run-schedule', { scheduleId: number }> = {
  name: 'run-schedule',
  async run(deps, { scheduleId }) {
    const outcome = await runSchedule(
      { ...deps, sendOutbox: async (id) => void (await sendOutbound(deps, id)) },
      scheduleId,
    );
    return { [outcome]: 1 };
  },
};
