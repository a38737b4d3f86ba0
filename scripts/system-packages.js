#!/usr/bin/env node
// The Debian packages the test suites need, checked before anything runs: `npm test` and `.ci/run`
// both call this. Missing ones are installed with apt-get when running as root (CI, a fresh
// container); otherwise it stops at once with the one command to run. No suite ever skips quietly
// because a package is missing. Add a row here when a suite needs a new system package.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** Whether PHP's CLI loads `extension` (its conf.d link), without starting php (`php -m` is slow). */
function phpCliLoads(extension) {
  const versions = existsSync('/etc/php') ? readdirSync('/etc/php') : [];
  return versions.some((version) => existsSync(`/etc/php/${version}/cli/conf.d`) && readdirSync(`/etc/php/${version}/cli/conf.d`).some((file) => file.endsWith(`-${extension}.ini`)));
}

/** What a suite needs: the Debian package, and how to tell it is there. */
const NEEDED = [
  { pkg: 'redis-server', why: 'the many-instances suites (shared rate limits, sessions, caches)', present: () => process.env.REDIS_SERVER !== undefined || existsSync('/usr/bin/redis-server') },
  { pkg: 'chromium', why: 'widget component tests and end-to-end journeys', present: () => process.env.CHROME_PATH !== undefined || existsSync('/usr/bin/chromium') },
  { pkg: 'nginx', why: 'the production-bundle test (deploy/nginx.conf in front of two BFFs)', present: () => process.env.NGINX !== undefined || existsSync('/usr/sbin/nginx') },
  { pkg: 'wordpress', why: 'the WordPress plugin suite (a real WordPress 6.1 to install the plugin into)', present: () => existsSync('/usr/share/wordpress/wp-load.php') },
  { pkg: 'php-cli', why: 'the WordPress plugin suite (php -S serves WordPress) and the plugin\'s php -l', present: () => existsSync('/usr/bin/php') },
  { pkg: 'php-mysql', why: 'the WordPress plugin suite (WordPress talks to MariaDB through mysqli)', present: () => phpCliLoads('mysqli') },
  { pkg: 'mariadb-server', why: 'the WordPress plugin suite (its database, on a temp dir and a free port)', present: () => existsSync('/usr/sbin/mariadbd') && existsSync('/usr/bin/mariadb-install-db') },
  { pkg: 'phpunit', why: 'the WordPress plugin\'s PHP unit tests', present: () => existsSync('/usr/bin/phpunit') },
  { pkg: 'gettext', why: 'the WordPress plugin\'s build (msgfmt compiles its .po files)', present: () => existsSync('/usr/bin/msgfmt') },
];

const missing = NEEDED.filter((need) => !need.present());
if (missing.length === 0) process.exit(0);

const names = missing.map((need) => need.pkg);
const command = `apt-get update && apt-get install -y ${names.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Missing system packages: ${missing.map((need) => `${need.pkg} (${need.why})`).join(', ')}.\nInstall them with:\n  sudo ${command}`);
  process.exit(2);
}
console.log(`Installing missing system packages: ${names.join(', ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...names]]) {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (run.status !== 0) {
    console.error(`apt-get ${args[0]} failed; run it by hand:\n  ${command}`);
    process.exit(2);
  }
}
const still = missing.filter((need) => !need.present());
if (still.length > 0) {
  console.error(`Still missing after apt-get: ${still.map((need) => need.pkg).join(', ')}`);
  process.exit(2);
}
