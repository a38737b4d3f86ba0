// Builds `@itb/widget/react` (src/react/index.ts) on its own, after the main build: React and
// @lit/react stay imports (the page's own copies), and the element is the package's entry file,
// imported, never bundled again, so the main entry and its size budget are untouched.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const WIDGET_ENTRY = fileURLToPath(new URL('src/index.ts', import.meta.url));

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist/react',
    emptyOutDir: true,
    sourcemap: true,
    // For bundlers, which minify the page as a whole.
    minify: false,
    lib: {
      entry: fileURLToPath(new URL('src/react/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'index.js',
    },
    rolldownOptions: {
      external: ['react', '@lit/react'],
      // A client component for React Server Components (Next.js): it uses hooks. Written as a banner
      // because bundlers drop module-level directives from the sources.
      output: { banner: "'use client';" },
    },
  },
  plugins: [{
    name: 'itb-widget-entry-external',
    enforce: 'pre',
    // `import('../index.js')` in the source becomes `import('../itb-booking.js')`, the built entry.
    async resolveId(source, importer) {
      if (importer === undefined) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved?.id === WIDGET_ENTRY ? { id: '../itb-booking.js', external: true } : null;
    },
  }],
});
