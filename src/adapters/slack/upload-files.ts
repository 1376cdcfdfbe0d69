// Charts and CSV exports go up as files (files.uploadV2, from Buffers) into a conversation: a
// channel id or the id of a direct conversation (Slack refuses to share a file to a user id).
// Pictures carry their description as alt text for screen readers.
import type { WebClient } from '@slack/web-api';
import { slackLimits } from './limits.ts';
import type { SlackUpload } from './render-blocks.ts';

export async function uploadFiles(client: WebClient, channelId: string, uploads: SlackUpload[]): Promise<void> {
  if (uploads.length === 0) return;
  await client.filesUploadV2({
    channel_id: channelId,
    file_uploads: uploads.map((u) => ({
      file: u.data,
      filename: u.filename,
      title: u.title,
      ...(u.altText ? { alt_text: [...u.altText].slice(0, slackLimits.altText).join('') } : {}),
    })),
  });
}

/** Slack's error name for a failed Web API call (`not_in_channel`…), or the error's message. */
export function slackErrorOf(error: unknown): string {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : error instanceof Error ? error.message : String(error);
}
