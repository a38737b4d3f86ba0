// Types of precompress.js for the TypeScript tests (the demo stays plain JavaScript).
export declare const COMPRESSIBLE: ReadonlySet<string>;
export declare function precompressDir(dir: string): { file: string; raw: number; br?: number; gzip?: number }[];
