/**
 * Load and timing helpers. Throughput comes from autocannon (run here, in the bench process, never
 * inside a server under test). Latency comparisons that must resolve fractions of a millisecond use
 * {@link sampleInterleaved}: one request at a time over keep-alive connections, alternating between
 * the variants so that drift on a noisy shared machine hits both the same, timed with hrtime
 * (autocannon's histogram is whole milliseconds).
 * @module
 */
import http from 'node:http';
import autocannon from 'autocannon';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** GET/POST `url` with node:http over a keep-alive agent; resolves `{ status, body, ms }`. */
export function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** JSON body of a request that must answer `expected` (default 200); throws with the status otherwise. */
export async function requestJson(url, options = {}, expected = 200) {
  const answer = await request(url, options);
  if (answer.status !== expected) {
    throw new Error(`${options.method ?? 'GET'} ${new URL(url).pathname} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
  return JSON.parse(answer.body);
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Time `variants` ({ name: { url, headers? } }) one request at a time, round-robin, `rounds` each
 * after `warmup` untimed rounds. Every answer must be 2xx. Returns `{ name: { p50, p90, p99, n } }` in ms.
 */
export async function sampleInterleaved(variants, { rounds, warmup = 5 }) {
  const names = Object.keys(variants);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + rounds; round += 1) {
    // Alternate which variant goes first, so neither always follows the other.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const { url, headers } = variants[name];
      const answer = await request(url, { headers });
      if (answer.status < 200 || answer.status > 299) {
        throw new Error(`${name}: ${new URL(url).pathname} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      }
      if (round >= warmup) times[name].push(answer.ms);
    }
  }
  return Object.fromEntries(names.map((n) => [n, {
    p50: percentile(times[n], 50), p90: percentile(times[n], 90), p99: percentile(times[n], 99), n: times[n].length,
  }]));
}

/**
 * One autocannon run. Options are autocannon's (url, connections, duration, requests, amount,
 * headers, overallRate…). Resolves a summary: rps (mean requests/s of 2xx), p50/p99 latency (ms),
 * total, non2xx, errors, timeouts.
 */
export function cannon(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: 10, duration: 5, ...options }, (error, result) => {
      if (error) {
        reject(error);
        return;
      }
      const seconds = Math.max(result.duration, 0.001);
      const ok = result['2xx'] ?? 0;
      resolve({
        rps: ok / seconds,
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        total: result.requests.total,
        ok,
        non2xx: result.non2xx ?? 0,
        errors: result.errors ?? 0,
        timeouts: result.timeouts ?? 0,
        statusCodes: result.statusCodeStats ?? {},
        durationS: seconds,
      });
    });
    // autocannon counts, it does not print: the bench prints one table at the end.
    instance.on('error', () => {});
  });
}
