// Charts and CSV exports go up as files (files.uploadV2, from Buffers) into the conversation the
// command came from.
import type { WebClient } from '@slack/web-api';
import type { SlackUpload } from './render-blocks.ts';

export async function uploadFiles(client: WebClient, channelId: string, uploads: SlackUpload[]): Promise<void> {
  if (uploads.length === 0) return;
  await client.filesUploadV2({
    channel_id: channelId,
    file_uploads: uploads.map((u) => ({ file: u.data, filename: u.filename, title: u.title })),
  });
}
