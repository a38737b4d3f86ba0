/**
 * A pino destination for tests: every JSON line the BFF logs, as it arrives.
 * @module
 */
import { Writable } from 'node:stream';

/** A stream to pass as `logger.stream` and the lines written to it so far (kept up to date). */
export function captureLog(): { readonly stream: Writable; readonly lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      done();
    },
  });
  return { stream, lines };
}
