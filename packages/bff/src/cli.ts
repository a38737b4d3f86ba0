#!/usr/bin/env node
/**
 * `itb-bff`: environment → config → listen. Stops on SIGINT/SIGTERM after in-flight requests finish.
 * @module
 */
import { parseConfig, ConfigError } from './config.js';
import { describeSettings } from './config-settings.js';
import { createBff } from './create-bff.js';
import { startTracing } from './tracing/start-tracing.js';

const USAGE = `itb-bff — backend-for-frontend for <itb-booking>

Usage: itb-bff [--help]

Configuration comes from environment variables only:

${describeSettings()}
`;

/** How long in-flight requests may take to finish before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const unknown = argv.filter((arg) => arg !== '--help' && arg !== '-h');
  if (unknown.length > 0) {
    process.stderr.write(`itb-bff: unknown argument(s) ${unknown.join(' ')}; settings are environment variables (see --help)\n`);
    return 2;
  }
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // Before the app: the SDK patches http and https, and createBff adds route spans once it runs.
  const tracing = await startTracing(process.env);
  const app = await createBff(config, { logger: true, tracing: tracing !== undefined });
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // A keep-alive socket that goes idle after close() began (its last request just finished) would
    // hold close() open until the client hangs up; sweep idle sockets until everything has drained.
    const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
    sweeper.unref();
    // The spans of the last requests are exported once they have finished, before the exit.
    app.close().then(() => tracing?.stop()).then(() => process.exit(0), (error: unknown) => {
      app.log.error({ err: error }, 'error while closing');
      process.exit(1);
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ address, publicUrl: config.publicUrl }, 'itb-bff listening');
  if (tracing !== undefined) app.log.info('tracing on: spans are exported over OTLP as the OTEL_* variables say');
  return -1;
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exit(code);
}, (error: unknown) => {
  process.stderr.write(`itb-bff failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
