// Globals of the browser tests: mocha's BDD interface (no @types/mocha in this repo) and what
// web-test-runner.config.js injects into the test page.
declare function describe(name: string, body: (this: { timeout(ms: number): void }) => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function before(body: () => Promise<void> | void): void;
declare function after(body: () => Promise<void> | void): void;
declare function beforeEach(body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;

interface Window {
  /**
   * `refusingBff`: a running BFF whose ITB_ALLOWED_ORIGINS leaves the test page out;
   * `unreachableBff`: an address on a port nothing listens on.
   */
  ITB_TEST: { readonly bff: string; readonly sandboxOrigin: string; readonly refusingBff: string; readonly unreachableBff: string };
}
