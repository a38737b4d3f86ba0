/**
 * A clinic page of our own making, served at a URL of the demo's origin (so the BFF under
 * /booking-api is same-site and answers), while the widget's script comes from wherever the
 * markup says: here a CDN on another origin. The page's console is recorded.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface HostPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console messages so far, as `type: text`. */
  readonly console: readonly string[];
  close(): Promise<void>;
}

/** An HTML document holding `head` and `body`. */
export function hostDocument(head: string, body: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Klinik</title>${head}</head><body>${body}</body></html>`;
}

/** Open `html` as the document at `url` in a fresh context of `browser`. */
export async function openHostPage(browser: Browser, url: string, html: string): Promise<HostPage> {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  // A document the test fulfils has no IP address, so Chromium counts the page as public, and its
  // Local Network Access check then blocks the "CDN" on 127.0.0.1 (a real CDN is public, so pages
  // never meet this). The permission a user would grant lets the loopback requests through.
  await context.grantPermissions(['local-network-access']);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const messages: string[] = [];
  page.on('console', (message) => { messages.push(`${message.type()}: ${message.text()}`); });
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
  return { context, page, console: messages, close: () => context.close() };
}
