#!/usr/bin/env node
/**
 * Print bench/results.json as the Markdown table the README's "Performance" section shows:
 * `node bench/to-markdown.js [results.json]`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = process.argv[2] ?? fileURLToPath(new URL('./results.json', import.meta.url));
const { figures } = JSON.parse(readFileSync(file, 'utf8'));
const cell = (value) => String(value).replaceAll('|', '\\|');
for (const f of figures) {
  const result = f.informative ? (f.pass ? 'info: pass' : 'info: miss') : f.pass ? 'pass' : '**FAIL**';
  console.log(`| ${[f.figure, f.baseline, f.measured, f.ratio, f.budget].map(cell).join(' | ')} | ${result} |`);
}
