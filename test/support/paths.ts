/** Where things are on this machine, and how Chromium is launched (the working agreement's flags). */
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
export const AXE_SOURCE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium unless CHROME_PATH names another (never a downloaded build). */
export function chromiumPath(): string {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}
