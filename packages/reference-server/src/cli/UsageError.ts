/**
 * A command line that cannot run (unknown command or flag, a missing or bad
 * value): the CLI prints the message and the command's help, and exits 2.
 *
 * @since 0.1.0
 */
export class UsageError extends Error {
  override readonly name = "UsageError"
  constructor(
    message: string,
    /** The command whose help to show, if any. */
    readonly command: string | null = null,
  ) {
    super(message)
  }
}
