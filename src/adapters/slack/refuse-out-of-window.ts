// Slack signs a timestamp with every request so an old one cannot be replayed. Bolt refuses those
// more than 5 minutes old but accepts any in the future, so a request signed now and dated ahead
// could be replayed until that date. Here both directions are held to the same 5 minutes before
// Bolt checks the signature itself.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** Slack's window: https://docs.slack.dev/authentication/verifying-requests-from-slack */
const MAX_SKEW_SECONDS = 5 * 60;

export function refuseOutOfWindow(
  listener: RequestListener,
  log: Logger,
  now: () => number = Date.now,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-slack-request-timestamp'];
    const timestamp = Number(Array.isArray(header) ? header[0] : header);
    // A missing or malformed header is left to Bolt, which refuses it.
    if (header !== undefined && Number.isFinite(timestamp) && Math.abs(now() / 1000 - timestamp) > MAX_SKEW_SECONDS) {
      log.warn({ timestamp }, 'Slack request outside the 5-minute window refused');
      req.resume();
      res.writeHead(401).end();
      return;
    }
    listener(req, res);
  };
}
