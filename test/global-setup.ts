/**
 * Starts what every journey shares, once per run: the demo stack exactly as `npm start` runs it (on
 * free ports) and one Chromium that each test file connects to.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startStack } from '../scripts/stack.js';
import { ARTIFACTS, CHROMIUM_ARGS, chromiumPath } from './support/paths.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const stack = await startStack({ ports: 0 });
  let browser;
  try {
    browser = await chromium.launchServer({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  project.provide('stack', {
    demo: stack.urls.demo,
    crossSite: stack.urls.crossSite,
    bffPublic: stack.urls.bffPublic,
    sandbox: stack.urls.sandbox,
    fhirBase: stack.sandbox.fhirBase,
    apiKey: stack.sandbox.apiKey,
    sessionKeys: [...stack.sessionKeys],
  });
  project.provide('browserEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    await stack.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { demo: string; crossSite: string; bffPublic: string; sandbox: string; fhirBase: string; apiKey: string; sessionKeys: string[] };
    browserEndpoint: string;
  }
}
