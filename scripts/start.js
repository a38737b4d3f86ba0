#!/usr/bin/env node
/**
 * `npm start`: the sandbox (ITB stand-in, 4010), the BFF (4020) and the demo clinic site (4030),
 * in this one process so that Ctrl-C or SIGTERM stops all three and leaves nothing behind.
 * Ports: ITB_SANDBOX_PORT, ITB_BFF_PORT, ITB_DEMO_PORT. BFF log level: ITB_LOG_LEVEL (default warn).
 */
import { startStack } from './stack.js';
import { testPersons } from './test-persons.js';

function port(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number (0–65535), got "${raw}"`);
    process.exit(2);
  }
  return value;
}

const ports = { sandbox: port('ITB_SANDBOX_PORT', 4010), bff: port('ITB_BFF_PORT', 4020), demo: port('ITB_DEMO_PORT', 4030) };

let stack;
try {
  // ITB_COOKIE_MODE=cross-site lets the cross-site demo page (127.0.0.1) sign in via the login hand-off.
  const bffEnv = process.env.ITB_COOKIE_MODE ? { ITB_COOKIE_MODE: process.env.ITB_COOKIE_MODE } : {};
  stack = await startStack({ ports, logLevel: process.env.ITB_LOG_LEVEL || 'warn', bffEnv });
} catch (error) {
  console.error(`Could not start the demo stack: ${error instanceof Error ? error.message : String(error)}`);
  if (error?.code === 'EADDRINUSE') console.error('A port is taken; set ITB_SANDBOX_PORT, ITB_BFF_PORT or ITB_DEMO_PORT to free ones.');
  process.exit(1);
}

const persons = await testPersons();
const width = Math.max(...persons.map((p) => p.name.length));
console.log(`
ITB Booking demo is running (Ctrl-C stops everything)

  Clinic website (book here)   ${stack.urls.demo}
  My bookings                  ${stack.urls.demo}/mina-bokningar
  Cross-site embedding demo    ${stack.urls.crossSite}/cross-site.html
  BFF                          ${stack.urls.bff}  (the site reaches it as ${stack.urls.bffPublic})
  ITB sandbox                  ${stack.urls.sandbox}  (FHIR ${stack.sandbox.fhirBase})
  Appointment registry         ${stack.sandbox.registry.fhirBase}/Appointment  (every booking lands here; list: ${stack.urls.sandbox}/_sandbox/registry/appointments)

Test persons for the test-BankID sign-in (pick one, or type any valid test number):
${persons.map((p) => `  ${p.name.padEnd(width)}  ${p.number}`).join('\n')}
`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) {
    // A second Ctrl-C means "now".
    process.exit(130);
  }
  stopping = true;
  console.log(`\n${signal}: stopping demo, BFF and sandbox…`);
  const timer = setTimeout(() => {
    console.error('Did not stop within 10 s; exiting anyway.');
    process.exit(1);
  }, 10_000);
  timer.unref();
  await stack.stop();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
