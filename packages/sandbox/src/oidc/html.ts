/**
 * The HTML shell of every page the test-BankID provider shows: escaping, one stylesheet and a
 * strict Content-Security-Policy (the stylesheet by hash, scripts only by a per-response nonce).
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Escape text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light; --ink: #1b2b34; --muted: #4d5f69; --brand: #183e4f; --accent: #1f6f8b; --line: #d5dee3; --bg: #eef3f5; --error: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 34rem; margin: 2rem auto; padding: 0 1rem; }
.card { background: #fff; border-radius: 12px; box-shadow: 0 2px 12px rgb(24 62 79 / 12%); padding: 1.5rem; }
header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; margin-bottom: .5rem; }
.logo { font-weight: 700; letter-spacing: .02em; color: var(--brand); }
.badge { background: #ffe8a3; color: #5c4300; border-radius: 999px; padding: .1rem .7rem; font-size: .85rem; font-weight: 600; }
h1 { font-size: 1.5rem; margin: .25rem 0 .5rem; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: .9rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 1rem 0 .25rem; }
p { margin: .5rem 0; }
.muted { color: var(--muted); font-size: .95rem; }
ul.people { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
button { font: inherit; cursor: pointer; border-radius: 8px; }
.person { width: 100%; text-align: left; display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; padding: .6rem .9rem; background: #f7fafb; border: 1px solid var(--line); color: var(--ink); }
.person:hover { border-color: var(--accent); background: #eef7fa; }
.person .number { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .9rem; color: var(--muted); white-space: nowrap; }
.person .note { font-size: .85rem; color: var(--muted); }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
input[type=text] { width: 100%; font: inherit; padding: .6rem .75rem; border: 1px solid #8a9ba4; border-radius: 8px; }
input[aria-invalid=true] { border: 2px solid var(--error); }
.error { color: var(--error); font-weight: 600; min-height: 1.5em; margin: .35rem 0; }
.primary { background: var(--brand); color: #fff; border: 0; padding: .65rem 1.25rem; }
.primary:hover { background: var(--accent); }
.secondary { background: transparent; color: var(--brand); border: 1px solid var(--brand); padding: .55rem 1.1rem; }
.actions { display: flex; gap: .75rem; flex-wrap: wrap; margin-top: .75rem; }
.cancel { margin-top: 1.5rem; border-top: 1px solid var(--line); padding-top: 1rem; }
:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** A fresh nonce for the one inline script a page may carry. */
export function scriptNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The CSP of our pages. No `form-action`: Chromium applies it to the redirects after a submit,
 * and every sign-in ends in a redirect to the client's own origin.
 */
export function contentSecurityPolicy(nonce?: string): string {
  const script = nonce === undefined ? "script-src 'none'" : `script-src 'nonce-${nonce}'`;
  return `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; ${script}; img-src data:; base-uri 'none'; frame-ancestors 'none'`;
}

/** A whole document. `title` is text; `body` is HTML the caller has escaped. */
export function renderDocument(options: { lang: string; title: string; body: string; badge: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card">
<header><span class="logo" aria-hidden="true">test-BankID</span><span class="badge">${escapeHtml(options.badge)}</span></header>
${options.body}
</div>
</main>
</body>
</html>`;
}

/** Headers every page of ours carries: no caching (pages hold one-time form state), no framing. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Send a page with our headers. */
export function sendPage(res: ServerResponse, status: number, html: string, nonce?: string): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
  res.setHeader('Content-Length', Buffer.byteLength(html));
  res.end(html);
}
