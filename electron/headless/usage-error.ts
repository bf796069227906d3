/** A usage mistake on the command line (exit 2); the message names the flag or argument. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
