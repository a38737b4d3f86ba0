/**
 * Everything the browser received in a context (headers and bodies), so a journey can prove that no
 * token or API key ever reached the page (design: the browser holds one encrypted HTTP-only cookie).
 */
import type { BrowserContext } from 'playwright-core';

export interface ReceivedResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: readonly { name: string; value: string }[];
  readonly body: string;
}

/** What the browser received so far, and a way to wait until every body seen so far is read. */
export interface ResponseRecorder {
  readonly received: ReceivedResponse[];
  /** Resolves once every response that has arrived so far has been recorded (bodies read). */
  settled(): Promise<void>;
}

/** Start recording every response of every page (popups included) in `context`. */
export function recordResponses(context: BrowserContext): ResponseRecorder {
  const received: ReceivedResponse[] = [];
  const reading = new Set<Promise<void>>();
  context.on('response', (response) => {
    const read = (async () => {
      let body = '';
      try {
        body = (await response.body()).toString('utf8');
      } catch {
        // Redirects and aborted loads have no body to read.
      }
      try {
        received.push({ url: response.url(), status: response.status(), headers: await response.headersArray(), body });
      } catch {
        // The context closed while this response was still being read: the journey is over.
      }
    })();
    reading.add(read);
    void read.finally(() => reading.delete(read));
  });
  return {
    received,
    async settled() {
      while (reading.size > 0) await Promise.all([...reading]);
    },
  };
}

/** A JWT/JWS (three base64url parts, header starting `{"`). */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

/**
 * Where in `received` any of `secrets` or a JWT shows up, except inside an HttpOnly Set-Cookie
 * (the sealed session, which page script cannot read). Returns readable findings; empty is good.
 */
export function findSecrets(received: readonly ReceivedResponse[], secrets: readonly string[]): string[] {
  const findings: string[] = [];
  const check = (where: string, text: string) => {
    for (const secret of secrets) if (secret.length >= 8 && text.includes(secret)) findings.push(`${where} contains a known secret`);
    for (const match of text.match(JWT) ?? []) findings.push(`${where} contains a JWT (${match.slice(0, 12)}…)`);
  };
  for (const r of received) {
    for (const h of r.headers) {
      if (h.name.toLowerCase() === 'set-cookie' && /;\s*httponly/i.test(h.value)) continue;
      check(`${r.url} header ${h.name}`, h.value);
    }
    check(`${r.url} body`, r.body);
  }
  return findings;
}
