/**
 * The results table on stdout: figure, baseline, measured, ratio, budget, pass/fail.
 * @module
 */
const COLUMNS = [
  ['figure', 'figure'],
  ['baseline', 'baseline'],
  ['measured', 'measured'],
  ['ratio', 'ratio'],
  ['budget', 'budget'],
  ['result', 'result'],
];

export function printTable(rows) {
  const cells = rows.map((r) => ({ ...r, result: r.informative ? (r.pass ? 'info: pass' : 'info: miss') : r.pass ? 'pass' : 'FAIL' }));
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...cells.map((c) => String(c[key]).length)));
  const line = (values) => `| ${values.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(COLUMNS.map(([, title]) => title)));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(COLUMNS.map(([key]) => c[key])));
}
