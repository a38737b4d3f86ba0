/**
 * Figure 1: the widget's ES module as a page downloads it, gzip and brotli (node:zlib at their
 * highest levels, as a CDN or a pre-compressing build would serve it). Lit is bundled in.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { BUDGET_GZIP_BYTES } from '../../packages/widget/scripts/size-budget.js';

const WIDGET = fileURLToPath(new URL('../../packages/widget/dist/itb-booking.js', import.meta.url));

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export async function widgetSize() {
  const source = readFileSync(WIDGET);
  const gzip = gzipSync(source, { level: 9 }).length;
  const brotli = brotliCompressSync(source, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length },
  }).length;
  return [{
    id: 'widget-size',
    figure: 'widget ES module size (gzip; brotli)',
    baseline: `raw ${kb(source.length)}`,
    measured: `${kb(gzip)} gzip; ${kb(brotli)} br`,
    ratio: `${(gzip / BUDGET_GZIP_BYTES).toFixed(2)}× budget`,
    budget: `≤ ${kb(BUDGET_GZIP_BYTES)} gzip`,
    pass: gzip <= BUDGET_GZIP_BYTES,
    values: { rawBytes: source.length, gzipBytes: gzip, brotliBytes: brotli, budgetGzipBytes: BUDGET_GZIP_BYTES },
  }];
}
