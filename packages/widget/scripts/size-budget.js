// The gzip budget of the ES module's entry, the one file the first screen needs (Lit included): one
// number for the build's check and the bench figure. Issue 4 set 40 KB for the whole widget; issue 13
// took it to 50.8 KB, and issue 14 moved the steps after the first screen into chunks loaded on
// demand, leaving 41.9 KB in the entry. The budget is 44 KB for the entry; the later chunks are
// reported beside it.
export const BUDGET_GZIP_BYTES = 44 * 1024;
