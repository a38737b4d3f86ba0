/**
 * Counting bytes on the wire from Chrome DevTools Protocol Network events, up to a moment the page
 * itself marked. CDP stamps its events on a monotonic clock (seconds); the page marks on its own
 * (`performance.timeOrigin + performance.now()`, wall-clock ms). The document request carries both
 * (`timestamp` and `wallTime`), which is how a page mark is placed among the network events.
 * @module
 */

/**
 * The CDP monotonic time (s) of a wall-clock page mark (ms).
 * @param {number} epochMs the page's `performance.timeOrigin + performance.now()`
 * @param {{ timestamp: number, wallTime: number }} anchor the document's `Network.requestWillBeSent`
 */
export function monotonicOf(epochMs, anchor) {
  return anchor.timestamp + (epochMs / 1000 - anchor.wallTime);
}

/**
 * Bytes of every response that had fully arrived by `mark` (CDP monotonic s): headers and body as
 * received, i.e. compressed where the server compressed (`Network.loadingFinished`'s
 * encodedDataLength). A response still arriving at the mark is not counted: the page did not need it
 * to show what it showed.
 * @param {{ url: string, type?: string, timestamp: number, encodedDataLength: number }[]} finished
 * @param {number} mark
 * @returns {{ bytes: number, requests: number, byType: Record<string, number> }}
 */
export function bytesUntil(finished, mark) {
  let bytes = 0;
  let requests = 0;
  const byType = {};
  for (const entry of finished) {
    if (entry.timestamp > mark) continue;
    bytes += entry.encodedDataLength;
    requests += 1;
    const type = entry.type ?? 'Other';
    byType[type] = (byType[type] ?? 0) + entry.encodedDataLength;
  }
  return { bytes, requests, byType };
}

/** The median of a non-empty list (mean of the middle two for an even count). */
export function median(values) {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
