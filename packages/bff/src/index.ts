/**
 * `@itb/bff`: the backend-for-frontend of `<itb-booking>`. Build it with {@link createBff} and listen,
 * or run the `itb-bff` CLI.
 * @module
 */
export { createBff } from './create-bff.js';
export type { CreateBffOptions } from './create-bff.js';
export { parseConfig, ConfigError, isLoopbackHost } from './config.js';
export type { BffConfig } from './config.js';
export { SETTINGS, defaultOf, describeSettings, settingsTable } from './config-settings.js';
export type { EnvName, Setting } from './config-settings.js';
export { OutcomeError } from './errors.js';
export type { LoggerSettings } from './logging.js';
