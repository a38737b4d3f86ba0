// `php -l` on every PHP file the plugin ships: a syntax error would take a whole site down on activation.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';
import { DEFAULTS } from '../scripts/build.js';
import { filesUnder } from '../scripts/plugin-files.js';

const phpFiles = filesUnder(DEFAULTS.pluginDir).filter((file) => file.endsWith('.php'));

test('the plugin has PHP files to check', () => {
  expect(phpFiles).toContain('itb-booking.php');
});

test.each(phpFiles)('php -l %s', (file) => {
  const run = spawnSync('php', ['-l', path.join(DEFAULTS.pluginDir, file)], { encoding: 'utf8' });
  if (run.error !== undefined) throw new Error('php not found: install Debian’s php-cli (scripts/system-packages.js does)', { cause: run.error });
  expect(`${run.stdout}${run.stderr}`.trim()).toMatch(/^No syntax errors detected/);
  expect(run.status).toBe(0);
});
