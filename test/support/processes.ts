/**
 * Child processes a test starts and must leave nothing of: their output kept for the failure
 * message (never printed), a stop that ends them for certain, and waiting for a condition with
 * the process's death as an early, explained failure instead of a timeout.
 */
import type { ChildProcess } from 'node:child_process';

/** The most output kept per process: enough to explain a failure. */
const KEEP = 256 * 1024;

export interface ChildOutput {
  readonly name: string;
  /** stdout and stderr as received so far. */
  text(): string;
  /** Whether the process has ended. */
  ended(): boolean;
  /** SIGTERM, then SIGKILL if it has not ended after `graceMs`; resolves once it has ended. */
  stop(graceMs?: number): Promise<void>;
}

export function watchChild(child: ChildProcess, name: string): ChildOutput {
  let text = '';
  const keep = (chunk: Buffer): void => {
    if (text.length < KEEP) text += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let ended = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => { ended = true; resolve(); });
    child.once('error', (error) => { ended = true; text += `\n${error.message}`; resolve(); });
  });
  return {
    name,
    text: () => text,
    ended: () => ended,
    async stop(graceMs = 12_000) {
      if (ended) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Poll `check` (a throw counts as not yet) until true; fail early when `child` ends. */
export async function waitFor(what: string, child: ChildOutput, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.ended()) throw new Error(`${child.name} ended before ${what} was ready:\n${child.text()}`);
    try {
      if (await check()) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms (${last}):\n${child.text()}`);
}
