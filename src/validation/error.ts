/** A prop failed validation. The message names the construct path, the prop, the value and what is allowed. */
export class IrsaValidationError extends Error {
  constructor(
    /** The construct's path (or, outside a construct, the function that validated: `OidcProvider.fromArn`). */
    readonly constructPath: string,
    /** The prop (or argument) that failed. */
    readonly property: string,
    message: string,
  ) {
    super(`${constructPath}: ${message}`);
    this.name = 'IrsaValidationError';
  }
}
