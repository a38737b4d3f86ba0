/**
 * One request at a time, in arrival order: how the patient IdP makes its token endpoint atomic.
 * @module
 */
import type { ServerResponse } from 'node:http';

/**
 * A queue whose `run(res, start)` calls `start` once every earlier request has finished answering
 * (or lost its connection). A production IdP finds and consumes a refresh token in one database
 * transaction; oidc-provider over an in-memory adapter awaits between the two, so two grants with
 * one refresh token that arrive together would both succeed and reuse detection would never fire.
 */
export function createRequestQueue(): (res: ServerResponse, start: () => void) => void {
  let last: Promise<void> = Promise.resolve();
  return (res, start) => {
    const turn = last.then(() => new Promise<void>((done) => {
      // Its client gave up while queued: 'close' has fired already, and waiting for it would stall
      // every request behind this one.
      if (res.destroyed) {
        done();
        return;
      }
      res.once('finish', () => done());
      res.once('close', () => done());
      start();
    }));
    // A turn that threw must not stop the turns behind it (a rejected chain skips them).
    last = turn.catch(() => undefined);
  };
}
