// Types of prune-dist.js for the TypeScript tests (the module itself stays plain JavaScript).

/** The published packages' folders, relative to the repository. */
export declare const PUBLISHED: readonly string[];
/** The modules a clean build compiles: `a/b` for `src/a/b.ts`, tests and fixtures left out. */
export declare function sourceModules(packageDir: string): Set<string>;
/** The package's tsc output folder, relative to it. */
export declare function outDirOf(packageDir: string): string;
/** Outputs under the package's outDir that no current source produces, relative to the package. */
export declare function staleOutputs(packageDir: string): string[];
/** Delete the package's stale outputs; returns them. */
export declare function pruneDist(packageDir: string): string[];
