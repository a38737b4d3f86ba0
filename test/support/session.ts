/**
 * Opening the BFF's session cookie with this run's development key, to learn the patient tokens the
 * BFF holds, so a journey can search everything the browser received for those exact values.
 */
import { base64url, jwtDecrypt } from 'jose';
import type { BrowserContext } from 'playwright-core';
import { stack } from './journey.js';

/** The session cookie's value (single or `-0`, `-1`, … chunks joined) as the browser stores it. */
export async function sessionCookie(context: BrowserContext): Promise<{ value: string; httpOnly: boolean[]; names: string[] } | undefined> {
  const cookies = (await context.cookies(stack().demo)).filter((c) => /itb-session/.test(c.name));
  if (cookies.length === 0) return undefined;
  const single = cookies.find((c) => !/-\d+$/.test(c.name));
  const ordered = single ? [single] : cookies.sort((a, b) => Number(/-(\d+)$/.exec(a.name)?.[1]) - Number(/-(\d+)$/.exec(b.name)?.[1]));
  return { value: ordered.map((c) => c.value).join(''), httpOnly: cookies.map((c) => c.httpOnly), names: cookies.map((c) => c.name) };
}

/** Every string of 16+ characters inside the sealed session (tokens, ids): the secrets to look for. */
export async function secretsInSession(sealed: string): Promise<string[]> {
  for (const key of stack().sessionKeys) {
    try {
      const { payload } = await jwtDecrypt(sealed, base64url.decode(key));
      const found: string[] = [];
      const walk = (value: unknown): void => {
        if (typeof value === 'string' && value.length >= 16) found.push(value);
        else if (value !== null && typeof value === 'object') for (const inner of Object.values(value)) walk(inner);
      };
      walk((payload as { session?: { tokens?: unknown } }).session?.tokens);
      return found;
    } catch {
      // Try the next key.
    }
  }
  throw new Error('the session cookie does not open with this run’s session keys');
}
