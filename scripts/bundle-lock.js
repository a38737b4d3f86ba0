/**
 * The production bundle's package-lock.json, cut out of the repository's own lockfile: the
 * packages a bundled workspace needs at run time, at the versions and in the folder layout this
 * repository installed and tested, with each bundled workspace moved from `packages/<name>` to
 * `node_modules/<package name>` and installed from its tarball. Taken from the lockfile rather than
 * resolved afresh, so an image built next month runs the dependency versions the tests ran, and
 * `npm ci` can take every one of them from the npm cache by its integrity.
 * @module
 */

/** Flags the repository computed for its whole tree; the bundle's tree gets its own. */
const TREE_FLAGS = ['dev', 'optional', 'devOptional', 'peer'];

/** The folder that holds `location` ('' for the root). */
function parentOf(location) {
  const slash = location.lastIndexOf('/');
  return slash === -1 ? '' : location.slice(0, slash);
}

/**
 * @param {{ packages: Record<string, any> }} repoLock the repository's package-lock.json (v2/v3)
 * @param {{
 *   name: string, version: string, engines?: Record<string, string>,
 *   workspaces: Array<{ location: string, name: string, file: string, integrity: string }>,
 * }} bundle the bundle's own name and version, and each workspace it ships: its folder in the
 *   repository (`packages/bff`), its package name, its tarball's file name and the tarball's integrity
 * @returns {{ packageJson: object, lock: object }}
 */
export function bundleLockfile(repoLock, bundle) {
  const entries = repoLock.packages;
  if (entries === undefined) throw new Error('the repository lockfile has no "packages" section (lockfile v1?)');
  const moved = new Map(bundle.workspaces.map((w) => [w.location, `node_modules/${w.name}`]));
  const placed = (location) => {
    for (const [from, to] of moved) if (location === from || location.startsWith(`${from}/`)) return `${to}${location.slice(from.length)}`;
    return location;
  };

  /** Node's lookup from the package at `from`: its own node_modules, then each enclosing folder's. */
  const resolve = (from, name) => {
    for (let dir = from; ; dir = parentOf(dir)) {
      const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      const entry = entries[candidate];
      if (entry !== undefined) {
        if (entry.link !== true) return candidate;
        if (!moved.has(entry.resolved)) throw new Error(`${from || 'the root'} needs the workspace ${name} (${entry.resolved}) at run time, which the bundle does not ship`);
        return entry.resolved;
      }
      if (dir === '') return undefined;
    }
  };

  /** The edges out of one package: plain, optional and peer (optional peers are the host's choice, not ours). */
  const edgesOf = (location) => {
    const entry = entries[location];
    const meta = entry.peerDependenciesMeta ?? {};
    return [
      ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false, peer: false })),
      ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true, peer: false })),
      ...Object.keys(entry.peerDependencies ?? {}).filter((name) => meta[name]?.optional !== true).map((name) => ({ name, optional: false, peer: true })),
    ];
  };

  /** Every package reachable from the bundled workspaces along the edges `follow` accepts. */
  const reach = (follow) => {
    const seen = new Set();
    const queue = bundle.workspaces.map((w) => w.location);
    while (queue.length > 0) {
      const location = queue.shift();
      if (seen.has(location)) continue;
      if (entries[location] === undefined) throw new Error(`the repository lockfile has no entry for ${location}`);
      seen.add(location);
      for (const edge of edgesOf(location)) {
        if (!follow(edge)) continue;
        const target = resolve(location, edge.name);
        if (target === undefined) {
          // An optional dependency for another platform is listed, but one npm skipped is not an error.
          if (edge.optional) continue;
          throw new Error(`${location} depends on ${edge.name}, which the repository lockfile does not hold`);
        }
        queue.push(target);
      }
    }
    return seen;
  };

  const all = reach(() => true);
  const required = reach((edge) => !edge.optional);
  const notPeer = reach((edge) => !edge.peer);

  const packages = {};
  for (const location of [...all].sort()) {
    const source = entries[location];
    const workspace = bundle.workspaces.find((w) => w.location === location);
    let entry = { ...source };
    for (const flag of TREE_FLAGS) delete entry[flag];
    if (workspace !== undefined) {
      // Written as npm writes a dependency installed from a tarball. A workspace's own entry lists
      // what it needs to be developed as well; the bundle installs what it needs to run.
      const { name: _name, version, devDependencies: _dev, ...rest } = entry;
      entry = { version, resolved: `file:${workspace.file}`, integrity: workspace.integrity, ...rest };
    }
    if (!required.has(location)) entry.optional = true;
    if (!notPeer.has(location)) entry.peer = true;
    packages[placed(location)] = entry;
  }

  const dependencies = Object.fromEntries(bundle.workspaces.map((w) => [w.name, `file:${w.file}`]).sort(([a], [b]) => (a < b ? -1 : 1)));
  const root = { name: bundle.name, version: bundle.version, license: 'Apache-2.0', dependencies, ...(bundle.engines === undefined ? {} : { engines: bundle.engines }) };
  const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    packageJson: { ...root, private: true, description: 'The @itb/bff production bundle: npm ci --omit=dev here, then run node_modules/.bin/itb-bff' },
    lock: { name: bundle.name, version: bundle.version, lockfileVersion: 3, requires: true, packages: { '': root, ...sorted } },
  };
}
