// Types of server.js for the TypeScript tests (the server itself stays plain JavaScript).
export declare const BFF_PREFIX: string;
export declare const DEFAULT_PORT: number;
export interface DemoServer {
  setBff(url: URL | string): void;
  listen(port?: number): Promise<number>;
  readonly port: number;
  close(): Promise<void>;
}
export declare function createDemoServer(options?: { bff?: URL | string; siteDir?: string; widgetDir?: string }): DemoServer;
