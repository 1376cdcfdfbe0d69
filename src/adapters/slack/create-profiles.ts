// A person's Slack locale (what their language is until they choose one with `lang`) and their
// name, asked of Slack once an hour at most: every request needs them, Slack rate-limits users.info.
import type { WebClient } from '@slack/web-api';

const PROFILE_TTL_MS = 60 * 60_000;

export interface SlackProfile {
  locale?: string;
  name?: string;
}

export function createProfiles() {
  const profiles = new Map<string, SlackProfile & { at: number }>();
  async function profileOf(client: WebClient, user: string): Promise<SlackProfile> {
    const cached = profiles.get(user);
    if (cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached;
    const info = await client.users.info({ user, include_locale: true }).catch(() => null);
    const name = info?.user?.profile?.display_name || info?.user?.real_name || info?.user?.name || undefined;
    const profile = { locale: info?.user?.locale, name, at: Date.now() };
    profiles.set(user, profile);
    return profile;
  }
  return {
    profileOf,
    localeOf: async (client: WebClient, user: string) => (await profileOf(client, user)).locale,
    /** The locale already known, without asking Slack (for answers that must not wait). */
    knownLocale: (user: string) => profiles.get(user)?.locale,
  };
}
