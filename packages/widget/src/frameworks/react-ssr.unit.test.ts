/// <reference types="node" />
// `@itb/widget/react` on a server: the built file, imported through the package's exports in a
// plain Node process (no DOM, nothing shimmed), then rendered with react-dom/server. Needs the
// built package: `npm run build -w @itb/widget`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WIDGET = fileURLToPath(new URL('../../', import.meta.url));

const SERVER = `
const before = Object.keys(globalThis).sort().join();
const { ItbBooking } = await import('@itb/widget/react');
const touched = Object.keys(globalThis).sort().join() !== before;
const { createElement } = await import('react');
const { renderToString } = await import('react-dom/server');
const html = renderToString(createElement(ItbBooking, { bff: '/booking-api', termsUrl: 'https://clinic.example/villkor', 'terms-url': 'https://clinic.example/villkor', id: 'booking', onItbBooked: () => {} }));
console.log(JSON.stringify({ touched, html, dom: [typeof customElements, typeof window, typeof document, typeof HTMLElement] }));
`;

describe('@itb/widget/react on a server', () => {
  it('imports in Node without a DOM, touches no global, and renders the bare element', { timeout: 30_000 }, async () => {
    if (!existsSync(`${WIDGET}dist/react/index.js`)) throw new Error('dist/react/index.js is missing: run `npm run build -w @itb/widget` first');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', SERVER], { cwd: WIDGET }, (error, out, err) => (error === null ? resolve(out) : reject(new Error(`${error.message}\n${err}`))));
    });
    const result = JSON.parse(stdout) as { touched: boolean; html: string; dom: string[] };
    expect(result.touched).toBe(false);
    expect(result.dom).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
    // Kebab-case attributes are rendered; element properties (bff, termsUrl) and listeners wait for the browser.
    expect(result.html).toBe('<itb-booking terms-url="https://clinic.example/villkor" id="booking"></itb-booking>');
  });
});
