// Builds the two files an agency embeds: an ES module (`<script type="module">`), which loads the
// steps after the first screen as chunks beside it, and a classic script for CMSs that cannot load
// modules, which holds everything. Lit and @itb/shared are bundled in, so no other file is needed.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Modules loaded on demand: the steps after the first screen (steps/step-loader.ts) and every
 * language but the English fallback (locales/locale.ts): any two-letter `locales/xx.ts`, so a new
 * language gets its own chunk without touching this file.
 */
const ON_DEMAND = /[\\/]src[\\/]((steps[\\/]itb-(practitioner-step|time-step|review-step|confirmation-step|my-bookings|day-picker)|calendar)[\\/]|locales[\\/](?!en\.)[a-z]{2}\.ts$)/;
/**
 * Also on demand: popup and floating mode's dialog, with its styles, events, focus moves, scroll
 * lock and `data-itb-open` listener (embed/embed-mode.ts imports it when a widget needs it), what
 * reset() and prefill() run (state/start-over.ts), and the UTM cleaning (state/attribution.ts and
 * @itb/shared's contract/attribution.ts, fetched only on pages with UTM parameters).
 */
const EMBED_ON_DEMAND = /[\\/]src[\\/](embed[\\/](popup-frame|scroll-lock|step-heading|open-triggers)|state[\\/](start-over|attribution)|contract[\\/]attribution|events[\\/]itb-(open|close))\./;

export default defineConfig({
  resolve: {
    alias: { '@itb/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  esbuild: { target: 'es2022' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: 'oxc',
    // Vite keeps whitespace in ES-format library builds (for consumers' tree-shaking); this file is
    // embedded as is, so minify it fully like the classic script.
    // ASCII output: a classic script is decoded with the host page's charset, which may not be UTF-8.
    rolldownOptions: {
      // Everything the first screen needs is the entry itself (one request, no import waterfall): the
      // entry may export more than its API, so the later steps' chunks import what they share from it.
      // Each later step is its own chunk (steps/step-loader.ts); the classic script inlines them all.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true, charset: 'ascii',
        chunkFileNames: '[name]-[hash].js',
        codeSplitting: { groups: [{ name: 'itb-booking', test: (id: string) => !ON_DEMAND.test(id) && !EMBED_ON_DEMAND.test(id) }] },
      },
    },
    lib: {
      entry: fileURLToPath(new URL('src/index.ts', import.meta.url)),
      name: 'ItbBooking',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'itb-booking.js' : 'itb-booking.iife.js'),
    },
  },
});
