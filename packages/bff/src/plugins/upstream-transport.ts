/**
 * The HTTP exchange under `app.upstream`: node:http(s) with one keep-alive agent per BFF instance.
 * Global `fetch` pools connections too, but its WHATWG streams cost about 0.6 ms of CPU more per
 * 65 KB `$find` answer than node:http on this hardware, and the BFF relays such answers on every
 * search. Redirects are never followed (node:http does not), so an Authorization header never
 * travels to wherever a 3xx points.
 * @module
 */
import http from 'node:http';
import https from 'node:https';

/** One request. */
export interface TransportRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

/** A whole answer, body decoded as UTF-8. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** See {@link createTransport}. */
export interface Transport {
  send(url: string, request: TransportRequest): Promise<TransportResponse>;
  /** Close idle pooled connections (when the BFF shuts down). */
  close(): void;
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) headers.append(name, item);
  }
  return headers;
}

/** An answer larger than the transport's `maxBodyBytes`: read no further. */
export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`upstream answer larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Keep-alive agents for http and https, shared by every call of one client. */
export function createTransport(limits: { readonly maxBodyBytes: number } = { maxBodyBytes: Number.POSITIVE_INFINITY }): Transport {
  // Idle connections are dropped after 4 s, before common server idle timeouts (Node's is 5 s; a
  // server's Keep-Alive hint shortens it further), so a request rarely meets a connection the
  // server is closing.
  const pool = { keepAlive: true, timeout: 4000, scheduling: 'lifo' as const };
  const agents = { http: new http.Agent(pool), https: new https.Agent(pool) };
  return {
    send(url, req) {
      return new Promise<TransportResponse>((resolve, reject) => {
        const target = new URL(url);
        const secure = target.protocol === 'https:';
        const headers: Record<string, string> = { ...req.headers };
        if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
        const options = { method: req.method, headers, signal: req.signal, agent: secure ? agents.https : agents.http };
        const onResponse = (res: http.IncomingMessage): void => {
          const chunks: Buffer[] = [];
          let received = 0;
          // A huge (or endless) answer is cut off at the cap instead of filling memory.
          const declared = Number(res.headers['content-length']);
          if (declared > limits.maxBodyBytes) {
            res.destroy();
            reject(new BodyTooLargeError(limits.maxBodyBytes));
            return;
          }
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > limits.maxBodyBytes) {
              res.destroy();
              reject(new BodyTooLargeError(limits.maxBodyBytes));
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', reject);
          res.on('end', () => {
            // Inside an event handler a throw would escape the promise; reject instead.
            try {
              resolve({
                status: res.statusCode ?? 0,
                headers: toHeaders(res.headers),
                text: (chunks.length === 1 ? chunks[0] as Buffer : Buffer.concat(chunks)).toString('utf8'),
              });
            } catch (error) {
              reject(error);
            }
          });
          // A connection cut mid-body (or the deadline) must not leave the call hanging.
          res.on('close', () => {
            if (!res.complete) reject(new Error('upstream answer cut off'));
          });
        };
        const request = secure ? https.request(target, options, onResponse) : http.request(target, options, onResponse);
        request.on('error', reject);
        request.end(req.body);
      });
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
