#!/usr/bin/env node
/**
 * Fills in deploy/nginx.conf's BOOKING_* placeholders from the environment and prints the result,
 * for an nginx outside the official image (a VM's Debian nginx, the tests). It substitutes as the
 * image's templates step does with NGINX_ENVSUBST_FILTER=BOOKING_ (`$NAME` and `${NAME}` of names
 * that start with BOOKING_), so compose.yaml and everyone else run the same file; unlike the image
 * it stops when a placeholder has no value instead of handing nginx a config it cannot parse.
 *
 *   BOOKING_LISTEN=80 BOOKING_SITE_ROOT=/var/www/clinic \
 *   BOOKING_BFF_SERVERS='server 10.0.0.11:4020; server 10.0.0.12:4020;' \
 *   node deploy/render-nginx-conf.js > /etc/nginx/conf.d/booking.conf
 *
 * Optional argument: another template (default: nginx.conf beside this script).
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `${BOOKING_X}` or `$BOOKING_X`, as the image's step matches them (an unclosed brace is not one). */
const PLACEHOLDER = /\$(?:\{(BOOKING_\w*)\}|(BOOKING_\w*))/g;

const template = readFileSync(process.argv[2] ?? fileURLToPath(new URL('./nginx.conf', import.meta.url)), 'utf8');
const missing = new Set();
const rendered = template.replace(PLACEHOLDER, (whole, braced, bare) => {
  const name = braced ?? bare;
  const value = process.env[name];
  if (value === undefined || value === '') {
    missing.add(name);
    return whole;
  }
  return value;
});
if (missing.size > 0) {
  process.stderr.write(`render-nginx-conf: set ${[...missing].join(', ')}\n`);
  process.exit(2);
}
process.stdout.write(rendered);
