/**
 * For the Redis booking-event suite: a webhook receiver whose answer a test can switch (503 while
 * a BFF should fail, 204 after), which verifies every POST with the Standard Webhooks library and
 * records each one with the status it got; a poll with a deadline; the captured log as objects.
 * Not part of the build.
 * @module
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** The secret every test BFF signs with (ITB_WEBHOOKS `<url> <secret>`). */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('a redis test secret of 32 bytes!').toString('base64')}`;

/** One POST the receiver got. */
export interface ReceivedPost {
  readonly webhookId: string;
  /** What the receiver answered. */
  readonly status: number;
  /** Whether the signature verified (an unverified POST is answered 401). */
  readonly verified: boolean;
  readonly type: string | undefined;
  readonly appointmentId: string | undefined;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Every POST so far, oldest first. */
  readonly posts: readonly ReceivedPost[];
  /** The status the next verified POSTs get. */
  answerWith(status: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string = WEBHOOK_SECRET): Promise<WebhookReceiver> {
  const verifier = new Webhook(secret);
  const posts: ReceivedPost[] = [];
  let answer = 204;
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      let payload: { type?: string; data?: { appointmentId?: string } } | undefined;
      try {
        payload = verifier.verify(body, headers) as typeof payload;
      } catch {
        payload = undefined;
      }
      const status = payload === undefined ? 401 : answer;
      posts.push({ webhookId: headers['webhook-id'] ?? '', status, verified: payload !== undefined, type: payload?.type, appointmentId: payload?.data?.appointmentId });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/itb`,
    posts,
    answerWith(status) {
      answer = status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Poll `read` until it gives a value, or fail naming `what` after `timeoutMs`. */
export async function until<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A log line as pino wrote it. */
export type LogLine = Readonly<Record<string, unknown>>;

/** Captured JSON lines as objects. */
export function logLines(lines: readonly string[]): LogLine[] {
  return lines.map((line) => JSON.parse(line) as LogLine);
}
