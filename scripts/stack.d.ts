// Types of stack.js for the TypeScript end-to-end tests (the script itself stays plain JavaScript).

export declare const OIDC_CLIENT: { readonly clientId: string; readonly clientSecret: string };

export interface StackUrls {
  readonly sandbox: string;
  readonly bff: string;
  readonly bffPublic: string;
  readonly demo: string;
  readonly crossSite: string;
}

export interface Stack {
  readonly urls: StackUrls;
  /** The in-process sandbox (see createSandbox in @itb/sandbox); only what the tests read is typed. */
  readonly sandbox: { readonly origin: string; readonly fhirBase: string; readonly issuer: string; readonly apiKey: string; readonly registry: { readonly fhirBase: string } };
  /** The BFF's session keys of this run (fresh each start). */
  readonly sessionKeys: readonly string[];
  stop(): Promise<void>;
}

export declare function startStack(options?: {
  ports?: { sandbox?: number; bff?: number; demo?: number } | 0;
  logLevel?: string;
  /** Where the BFF's JSON log lines go (default stdout). */
  logStream?: import('node:stream').Writable;
  bffEnv?: Record<string, string>;
}): Promise<Stack>;
