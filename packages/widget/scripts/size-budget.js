// The gzip budget of the ES module's entry, the one file the first screen needs (Lit included): one
// number for the build's check and the bench figure. Issue 4 set 40 KB for the whole widget; issue 13
// took it to 50.8 KB; issue 14 moved the steps after the first screen and the Swedish and Norwegian
// texts into chunks loaded on demand, bringing the entry back to 38.8 KB, under the original 40 KB.
export const BUDGET_GZIP_BYTES = 40 * 1024;
