import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const BOUNDARY = 'handBuiltBOUNDARY';
const fieldPart = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

/**
 * A multipart body built by hand: what FormData escapes, a hostile client can still send raw.
 * `disposition` is the rest of the file part's Content-Disposition (its name parameters);
 * `after` are fields sent after the file.
 */
export function handBuiltMultipart(
  fields: Record<string, string>,
  file: { disposition: string; bytes: Buffer },
  after: Record<string, string> = {},
) {
  const payload = Buffer.concat([
    Buffer.from(
      Object.entries(fields)
        .map(([k, v]) => fieldPart(k, v))
        .join(''),
    ),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; ${file.disposition}\r\n\r\n`),
    file.bytes,
    Buffer.from(
      `\r\n${Object.entries(after)
        .map(([k, v]) => fieldPart(k, v))
        .join('')}--${BOUNDARY}--\r\n`,
    ),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/**
 * Posts a generated PDF-like file of `size` bytes to a listening server through a real socket,
 * produced chunk by chunk so the client never holds it whole. Returns the answer and the hash
 * of what was sent.
 */
export async function streamUpload(
  url: string,
  headers: { cookie: string; origin: string },
  fields: Record<string, string>,
  size: number,
) {
  const hash = createHash('sha256');
  async function* body() {
    yield Buffer.from(
      Object.entries(fields)
        .map(([k, v]) => fieldPart(k, v))
        .join(''),
    );
    yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="grande.pdf"\r\n\r\n`);
    const head = Buffer.from('%PDF-1.7\n');
    hash.update(head);
    yield head;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    for (let sent = head.length; sent < size; sent += chunk.length) {
      const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
      hash.update(part);
      yield part;
    }
    yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  }
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    pipeline(Readable.from(body()), req).catch(reject);
  });
  return { ...answer, sha256: hash.digest('hex') };
}

export type Collect = (options?: { type: 'minor' | 'major' }) => void;

/** `global.gc` when the process has it; otherwise V8's flag turned on for this test process only. */
export function collector(): Collect {
  const exposed = (globalThis as { gc?: Collect }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Collect;
}
