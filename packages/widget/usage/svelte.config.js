// The usage app's Svelte config, empty: without one svelte-check looks up the tree and tries the
// widget's vite.config.ts, which has no Svelte plugin.
export default {};
