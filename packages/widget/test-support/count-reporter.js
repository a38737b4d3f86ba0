// Writes `{ "passed": N, "failed": N }` to the file the root `npm test` names in ITB_WTR_REPORT, so
// its closing summary counts the widget's tests. A test file that failed to load counts as a failure.

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) continue;
    if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

export function countReporter(path) {
  if (!path) return undefined;
  let written = false;
  const write = async (sessions) => {
    const { writeFileSync } = await import('node:fs');
    const totals = { passed: 0, failed: 0 };
    for (const session of sessions) {
      const before = totals.passed + totals.failed;
      count(session.testResults, totals);
      if (!session.passed && totals.passed + totals.failed === before) totals.failed += 1;
      else if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed += 1;
    }
    writeFileSync(path, JSON.stringify(totals));
    written = true;
  };
  return {
    async onTestRunFinished({ sessions }) {
      await write(sessions);
    },
    async stop() {
      if (!written) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(path, JSON.stringify({ passed: 0, failed: 1 }));
      }
    },
  };
}
