// Types of stack-parts.js for the TypeScript tests (the module itself stays plain JavaScript).

export declare const OIDC_CLIENT: { readonly clientId: string; readonly clientSecret: string };
export declare function freePort(): Promise<number>;
export declare function newSessionKey(): string;
export declare function bffEnvFor(
  sandbox: { readonly fhirBase: string; readonly systemTokenUrl: string; readonly apiKey: string; readonly issuer: string },
  options: { readonly publicUrl: string; readonly allowedOrigins: readonly string[]; readonly overrides?: Readonly<Record<string, string>> },
): Record<string, string>;
export declare function registryEnvFor(
  sandbox: { readonly registry: { readonly fhirBase: string; readonly tokenUrl: string; readonly clientId: string; readonly clientSecret: string } },
): Record<string, string>;
