// Serves React 19 to the test page. npm has it only as CommonJS, which a browser cannot import, and
// @rollup/plugin-commonjs under the dev server is known to break (modernweb-dev/web#1700). So the
// first request bundles `react` and `react-dom/client` once with Vite (already ours for the build)
// into ES modules that share one React, production build, and the test page's imports of them
// resolve to those files.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const require = createRequire(import.meta.url);
const PREFIX = '/__itb-react/';
/** Bare specifier → the served file's name. */
const MODULES = { react: 'react', 'react-dom/client': 'react-dom-client' };
const VIRTUAL = '\0itb-react:';

/** An ES module re-exporting a CommonJS module's names (read from the module itself, in Node). */
function facade(specifier) {
  const names = Object.keys(require(specifier)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  return `import m from '${specifier}';\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
}

/** Bundles the modules; resolves to file name → code. */
async function bundle() {
  const outputs = await build({
    configFile: false,
    logLevel: 'silent',
    root: fileURLToPath(new URL('..', import.meta.url)),
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [{
      name: 'itb-react-facades',
      resolveId: (id) => (id.startsWith(VIRTUAL) ? id : null),
      load: (id) => (id.startsWith(VIRTUAL) ? facade(id.slice(VIRTUAL.length)) : null),
    }],
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      modulePreload: false,
      rolldownOptions: {
        input: Object.fromEntries(Object.entries(MODULES).map(([specifier, name]) => [name, `${VIRTUAL}${specifier}`])),
        preserveEntrySignatures: 'strict',
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  const files = new Map();
  for (const output of [outputs].flat()) {
    for (const item of output.output) if (item.type === 'chunk') files.set(item.fileName, item.code);
  }
  return files;
}

/** The web-test-runner plugin. */
export function reactEsmPlugin() {
  let files;
  return {
    name: 'itb-react-esm',
    resolveImport({ source }) {
      const name = MODULES[source];
      return name === undefined ? undefined : `${PREFIX}${name}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      files ??= bundle();
      const body = (await files).get(context.path.slice(PREFIX.length));
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
