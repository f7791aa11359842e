/** A usage, configuration or input error: one line on stderr and exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}
