// Builds the two files an agency embeds: an ES module (`<script type="module">`) and a classic
// script for CMSs that cannot load modules. Lit and @itb/shared are bundled into both, so one
// file is all a page needs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

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
    rolldownOptions: { output: { minify: true, charset: 'ascii' } },
    lib: {
      entry: fileURLToPath(new URL('src/index.ts', import.meta.url)),
      name: 'ItbBooking',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'itb-booking.js' : 'itb-booking.iife.js'),
    },
  },
});
