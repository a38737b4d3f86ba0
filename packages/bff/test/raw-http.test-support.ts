/**
 * A deliberately naive HTTP/1.1 client over node:net for transport-level tests: it writes exactly
 * the bytes it is given (malformed ones included) and reads back one response at a time, framed by
 * Content-Length, chunked encoding or the close of the connection. It never retries, never fixes
 * a request and tells "the server closed before answering" apart from "answered, then closed".
 * Not part of the build.
 * @module
 */
import { connect, type Socket } from 'node:net';

/** One parsed response (interim 1xx answers are skipped but kept in `interim`). */
export interface RawResponse {
  readonly status: number;
  /** Status line and header lines exactly as received (latin1), without the blank line. */
  readonly head: string;
  /** Header values by lower-case name, in arrival order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: Buffer;
  /** Heads of 1xx answers that came before this one (e.g. `100 Continue`). */
  readonly interim: readonly string[];
}

/** What reading one response gave: a response, or why none could be read and what did arrive. */
export type ReadResult =
  | { readonly ok: true; readonly response: RawResponse }
  | { readonly ok: false; readonly problem: string; readonly received: Buffer };

/** How long one response may take before the read gives up (a deadline, not a pause). */
export const READ_DEADLINE_MS = 15_000;
/** Response heads larger than this are a broken answer, not something to wait for. */
const MAX_HEAD_BYTES = 64 * 1024;

type Parsed = { readonly response: RawResponse; readonly consumed: number } | { readonly error: string } | undefined;

/** The value of one header (first occurrence), or undefined. */
export function headerOf(response: RawResponse, name: string): string | undefined {
  return response.headers.get(name.toLowerCase())?.[0];
}

/** Does the response announce that the server closes the connection after it? */
export function announcesClose(response: RawResponse): boolean {
  return (response.headers.get('connection') ?? []).some((value) => value.split(',').some((token) => token.trim().toLowerCase() === 'close'));
}

function parseHead(text: string): { status: number; headers: Map<string, string[]> } | { error: string } {
  const lines = text.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (match === null) return { error: `malformed status line ${JSON.stringify((lines[0] ?? '').slice(0, 120))}` };
  const headers = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `malformed header line ${JSON.stringify(line.slice(0, 120))}` };
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { status: Number(match[1]), headers };
}

/** The end offset of a chunked body starting at `start`, undefined while incomplete, or an error. */
function chunkedEnd(data: Buffer, start: number): { end: number; body: Buffer } | { error: string } | undefined {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at, 'latin1');
    if (lineEnd < 0) return undefined;
    const sizeText = data.subarray(at, lineEnd).toString('latin1').split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) return { error: `malformed chunk size ${JSON.stringify(sizeText.slice(0, 40))}` };
    const size = Number.parseInt(sizeText, 16);
    at = lineEnd + 2;
    if (size === 0) {
      // Trailers (usually none), then the blank line.
      for (;;) {
        const trailerEnd = data.indexOf('\r\n', at, 'latin1');
        if (trailerEnd < 0) return undefined;
        const empty = trailerEnd === at;
        at = trailerEnd + 2;
        if (empty) return { end: at, body: Buffer.concat(parts) };
      }
    }
    if (data.length < at + size + 2) return undefined;
    parts.push(data.subarray(at, at + size));
    if (data.toString('latin1', at + size, at + size + 2) !== '\r\n') return { error: 'chunk data not followed by CRLF' };
    at += size + 2;
  }
}

/**
 * Parse one response from the front of `data`. `headRequest`: the answer has no body whatever its
 * headers say. `closed`: no more bytes will come (a body framed by the close is then complete).
 */
export function parseResponse(data: Buffer, headRequest: boolean, closed: boolean): Parsed {
  const interim: string[] = [];
  let at = 0;
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', at, 'latin1');
    if (headEnd < 0) {
      if (data.length - at > MAX_HEAD_BYTES) return { error: 'response head larger than 64 KB or not CRLF-terminated' };
      return undefined;
    }
    const head = data.toString('latin1', at, headEnd);
    const parsed = parseHead(head);
    if ('error' in parsed) return parsed;
    const bodyStart = headEnd + 4;
    const { status, headers } = parsed;
    if (status >= 100 && status < 200 && status !== 101) {
      interim.push(head);
      at = bodyStart;
      continue;
    }
    const response = (body: Buffer): RawResponse => ({ status, head, headers, body, interim });
    if (headRequest || status === 204 || status === 304 || status === 101) {
      return { response: response(Buffer.alloc(0)), consumed: bodyStart };
    }
    const encoding = (headers.get('transfer-encoding') ?? []).join(',').toLowerCase();
    if (encoding.includes('chunked')) {
      const chunked = chunkedEnd(data, bodyStart);
      if (chunked === undefined || 'error' in chunked) return chunked;
      return { response: response(chunked.body), consumed: chunked.end };
    }
    const lengths = headers.get('content-length');
    if (lengths !== undefined) {
      if (lengths.length !== 1 || !/^\d{1,12}$/.test(lengths[0] ?? '')) return { error: `bad Content-Length ${JSON.stringify(lengths)}` };
      const length = Number(lengths[0]);
      if (data.length < bodyStart + length) return undefined;
      return { response: response(data.subarray(bodyStart, bodyStart + length)), consumed: bodyStart + length };
    }
    // No framing: the body runs to the close of the connection.
    return closed ? { response: response(data.subarray(bodyStart)), consumed: data.length } : undefined;
  }
}

/**
 * One client connection. Bytes are buffered as they arrive; {@link RawConnection.read} waits for
 * them (no polling, no sleeps) until a response is complete, the server closes or the deadline.
 */
export class RawConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private finished = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.notify();
    });
    socket.on('end', () => {
      this.finished = true;
      this.notify();
    });
    // A reset or a failed write (the server may answer early and close): the read decides what it means.
    socket.on('error', (error) => {
      this.failure = error;
      this.notify();
    });
    socket.on('close', () => {
      this.finished = true;
      this.notify();
    });
  }

  /** Open a connection to `port` on localhost. */
  static open(port: number, host = 'localhost'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host, noDelay: true });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
    });
  }

  /** True once the server closed (or reset) its side. */
  get closed(): boolean {
    return this.finished || this.failure !== undefined;
  }

  /** Why the connection failed, if it did (e.g. ECONNRESET). */
  get error(): Error | undefined {
    return this.failure;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Write `bytes` as one write; errors surface through {@link read}. */
  send(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** Read the next response; on success its bytes are consumed from the buffer. */
  async read(headRequest: boolean): Promise<ReadResult> {
    const deadline = Date.now() + READ_DEADLINE_MS;
    for (;;) {
      const parsed = parseResponse(this.buffered, headRequest, this.closed);
      if (parsed !== undefined) {
        if ('error' in parsed) return { ok: false, problem: parsed.error, received: this.buffered };
        this.buffered = this.buffered.subarray(parsed.consumed);
        return { ok: true, response: parsed.response };
      }
      if (this.closed) {
        const how = this.failure === undefined ? 'closed' : `reset (${(this.failure as NodeJS.ErrnoException).code ?? this.failure.message})`;
        return { ok: false, problem: `connection ${how} before a complete response (${this.buffered.length} bytes received)`, received: this.buffered };
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { ok: false, problem: `no complete response within ${READ_DEADLINE_MS} ms (${this.buffered.length} bytes received)`, received: this.buffered };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Bytes received and not yet consumed by a read. */
  get pending(): Buffer {
    return this.buffered;
  }

  close(): void {
    this.socket.destroy();
  }
}
