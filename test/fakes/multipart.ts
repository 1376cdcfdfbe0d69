// A small multipart/form-data reader (RFC 7578) for the fake platform APIs: enough for what HTTP
// clients send (telegraf's own multipart stream, undici's FormData), strict about framing so
// that a malformed body fails loudly instead of yielding silently wrong bytes.

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

export function boundaryOf(contentType: string): string | null {
  const match = contentType.match(/;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The body opens with the boundary, or with a preamble and then CRLF and the boundary.
  let at = body.subarray(0, dash.length).equals(dash) ? 0 : body.indexOf(delimiter) + 2;
  if (at < 2 && at !== 0) throw new MultipartError('no opening boundary');
  at += dash.length;
  const parts: Part[] = [];
  for (;;) {
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts; // "--": the closing delimiter
    // Transport padding (spaces/tabs) may follow a delimiter before its CRLF.
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw new MultipartError('boundary not followed by CRLF');
    const start = at + 2;
    const end = body.indexOf(delimiter, start);
    if (end < 0) throw new MultipartError('part without a closing boundary');
    parts.push(readPart(body.subarray(start, end)));
    at = end + delimiter.length;
  }
}

function readPart(raw: Buffer): Part {
  let headerEnd = raw.indexOf('\r\n\r\n');
  let bodyStart = headerEnd + 4;
  if (raw.subarray(0, 2).toString() === '\r\n') {
    headerEnd = 0; // a part with no headers at all
    bodyStart = 2;
  }
  if (headerEnd < 0) throw new MultipartError('part without a blank line after its headers');
  const headers = new Map<string, string>();
  for (const line of raw.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`bad part header line: ${JSON.stringify(line)}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition');
  if (!disposition) throw new MultipartError('part without Content-Disposition');
  const params = dispositionParams(disposition);
  const name = params.get('name');
  if (name === undefined) throw new MultipartError('part without a name');
  const filename = params.get('filename*') ?? params.get('filename');
  const part: Part = { name, data: Buffer.from(raw.subarray(bodyStart)) };
  if (filename !== undefined) part.filename = filename;
  const contentType = headers.get('content-type');
  if (contentType !== undefined) part.contentType = contentType;
  return part;
}

// `form-data; name="a"; filename="b \"c\".png"; filename*=UTF-8''%C3%A9.png`
function dispositionParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of value.matchAll(re)) {
    const key = match[1]!.toLowerCase();
    if (match[2] !== undefined) {
      params.set(key, match[2].replace(/\\(.)/g, '$1'));
    } else {
      const token = match[3]!.trim();
      const extended = key.endsWith('*') ? token.match(/^([^']*)'[^']*'(.*)$/) : null;
      params.set(key, extended ? decodeURIComponent(extended[2]!) : token);
    }
  }
  return params;
}
