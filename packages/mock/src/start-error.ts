/** The error of a Prism that did not start, in a module of its own so the document check can extend it. */

/** Startup failed: Prism exited, timed out or could not be launched, or its document was refused. `logs` holds its last output. */
export class PrismStartError extends Error {
  override readonly name: string = 'PrismStartError';
  constructor(
    message: string,
    readonly logs: readonly string[],
  ) {
    super(message);
  }
}
