// The days of the week as cron numbers them (0 = Sunday), which is also how digests store them.

export const weekdays = [0, 1, 2, 3, 4, 5, 6] as const;
export type Weekday = (typeof weekdays)[number];

/** The day of the week a five-field cron line runs on, or null when it runs every day. */
export function weekdayOfCron(cron: string): Weekday | null {
  const field = cron.split(' ')[4];
  return weekdays.find((day) => String(day) === field) ?? null;
}
