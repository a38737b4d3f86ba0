/**
 * The ITB sandbox in a process of its own (forked by bench/lib/servers.js), so that neither the
 * load generator nor the BFF shares its event loop. The parent drives the sandbox's knobs over the
 * IPC channel: `{ id, method, args }` → `{ id, ok, value | error }`.
 * @module
 */
import { createSandbox } from '@itb/sandbox';

const options = JSON.parse(process.env.BENCH_SANDBOX_OPTIONS ?? '{}');
const sandbox = await createSandbox({ port: 0, ...options });

/** Knob results cross the IPC channel as JSON (Dates become strings, functions vanish). */
function plain(value) {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

// Never outlive the bench: if it dies, so does the sandbox.
process.on('disconnect', () => {
  sandbox.close().finally(() => process.exit(0));
});

process.on('message', async (message) => {
  const { id, method, args = [] } = message ?? {};
  try {
    let value;
    if (method === 'close') {
      await sandbox.close();
      value = null;
    } else if (typeof sandbox.knobs?.[method] === 'function') {
      // `setNow` takes a Date; everything else takes JSON-able arguments.
      const callArgs = method === 'setNow' ? args.map((a) => (typeof a === 'string' ? new Date(a) : a)) : args;
      value = plain(await sandbox.knobs[method](...callArgs));
    } else {
      throw new Error(`no sandbox knob '${method}'`);
    }
    process.send?.({ id, ok: true, value });
    if (method === 'close') process.exit(0);
  } catch (error) {
    process.send?.({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

process.send?.({
  ready: true,
  origin: sandbox.origin,
  apiBase: sandbox.apiBase,
  fhirBase: sandbox.fhirBase,
  systemTokenUrl: sandbox.systemTokenUrl,
  issuer: sandbox.issuer,
  apiKey: sandbox.apiKey,
});
