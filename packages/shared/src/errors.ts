/**
 * Errors for data that cannot be read at all (as opposed to missing optional fields, which are tolerated).
 * @module
 */

/** Why upstream data could not be used. */
export type ItbDataErrorCode = 'not-a-bundle' | 'not-a-resource' | 'invalid-parameters';

/** Thrown by parsers when their input is not the FHIR shape they read. */
export class ItbDataError extends Error {
  readonly code: ItbDataErrorCode;
  constructor(code: ItbDataErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ItbDataError';
    this.code = code;
  }
}
