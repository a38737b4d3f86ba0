/**
 * How long a browser or CDN may keep a file. A file whose name carries a content hash (the widget's
 * chunks, `itb-time-step-Bx3kq9Zd.js`) never changes under that name, and neither does a release's
 * pinned file (`itb-booking-1.4.0.js`, `itb-booking-1.4.0.iife.js`, which pages load with an
 * integrity hash), so both are cached for a year and never revalidated. Everything else can change
 * in place on a release (the entry `itb-booking.js`, which pages name without a version; pages; the
 * site's CSS), so it is kept briefly and then revalidated with its ETag (a 304 costs headers only).
 * @module
 */

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Five minutes: a release reaches every page within that, and a revisit after it is a 304. */
export const SHORT = 'public, max-age=300, must-revalidate';
/** Pages: always revalidated, so a fixed page is seen on the next load. */
export const REVALIDATE = 'no-cache';

/**
 * A bundler's content hash in a file name: `-` or `.` then the 8 base64url characters of the
 * bundler's `[hash]`, at least one of them a digit or a capital (so `itb-practitioner.js` is not
 * taken for a hash), right before the extension(s). base64url includes `-` and `_`, and the build
 * does write `itb-confirmation-step-DFGsbcE-.js`; exactly 8 keeps a run of words with a digit
 * (`itb-booking-latest-v2.js`) from passing for one. A hash we fail to see only costs a
 * revalidation; a name wrongly taken for a hash would freeze a file for a year, hence the strict
 * pattern. README.md's nginx recipe matches the same names (the test checks it).
 */
const HASHED = /[-.](?=[A-Za-z0-9_-]{0,7}[0-9A-Z])[A-Za-z0-9_-]{8}(\.[a-z0-9]+)+$/;

/** True when `fileName` (no directory) carries a content hash. */
export function isHashedName(fileName) {
  return HASHED.test(fileName);
}

/**
 * A release's pinned file: `itb-booking-` and a semantic version (a prerelease such as `1.2.0-rc.1`
 * included), then `.js` or `.iife.js` (and their maps). `itb-booking-latest.js` is not one.
 */
const VERSIONED = /^itb-booking-\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\.iife)?\.js(?:\.map)?$/;

/** True when `fileName` (no directory) is a release's pinned widget file. */
export function isVersionedName(fileName) {
  return VERSIONED.test(fileName);
}

/** Cache-Control for a file of the built widget. */
export function widgetCacheControl(fileName) {
  return isHashedName(fileName) || isVersionedName(fileName) ? IMMUTABLE : SHORT;
}
