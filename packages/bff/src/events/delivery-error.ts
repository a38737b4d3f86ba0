/**
 * Why a delivery failed, in our own words (what logs and dead letters carry: never a response body,
 * which could echo anything), with the HTTP status when there was one.
 * @module
 */
export class DeliveryError extends Error {
  readonly status: number | undefined;
  /** Retrying cannot help (e.g. the endpoint is no longer configured). */
  readonly permanent: boolean;
  constructor(message: string, options: { status?: number; permanent?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
    this.status = options.status;
    this.permanent = options.permanent ?? false;
  }
}

/** Our message of any failure (a library's wording only as a last resort, never a body). */
export function reasonOf(error: unknown): string {
  if (error instanceof DeliveryError) return error.message;
  return 'unexpected failure';
}
