// The command line's own failures (the Core's are CoreError), and their exit codes.

/** A mistake in how the command was typed: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A refusal or failure that is not the Core's (an unreadable file, a missing data folder): exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
