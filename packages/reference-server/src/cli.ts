/**
 * The `kommies` command: `start`, `migrate`, `create-site`, `promote`,
 * `export`, `import`. Exit codes: 0 done, 1 failed (a store unreachable, a
 * refused change), 2 a command line or configuration that cannot run.
 *
 * @since 0.1.0
 */
import * as Commands from "./cli/commands.js"
import { help } from "./cli/help.js"
import { UsageError } from "./cli/UsageError.js"
import { ConfigProblem } from "./config/ServerConfig.js"

const commands: Record<string, (args: ReadonlyArray<string>, io: Commands.Io) => Promise<void>> = {
  start: Commands.start,
  migrate: Commands.migrate,
  "create-site": Commands.createSite,
  promote: Commands.promote,
  export: Commands.exportSite,
  import: Commands.importSite,
}

const io: Commands.Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
}

/** A typed error from the services (`_tag`, `code`, `message`) or any Error, as one line. */
const describe = (error: unknown): string => {
  if (typeof error === "object" && error !== null) {
    const e = error as { _tag?: unknown; code?: unknown; message?: unknown }
    const message = typeof e.message === "string" ? e.message : String(error)
    return typeof e.code === "string" ? `${message} (${e.code})` : message
  }
  return String(error)
}

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const [name, ...args] = argv
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(`${help.overview}\n`)
    return name === undefined ? 2 : 0
  }
  const command = commands[name]
  if (command === undefined) {
    io.err(`kommies: unknown command ${JSON.stringify(name)}\n\n${help.overview}\n`)
    return 2
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(`${help[name]}\n`)
    return 0
  }
  try {
    await command(args, io)
    return typeof process.exitCode === "number" ? process.exitCode : 0
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kommies ${name}: ${error.message}\n\n${help[error.command ?? name]}\n`)
      return 2
    }
    if (error instanceof ConfigProblem) {
      io.err(`kommies ${name}: ${error.message}\n`)
      return 2
    }
    io.err(`kommies ${name}: ${describe(error)}\n`)
    return 1
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    io.err(`kommies: ${describe(error)}\n`)
    process.exit(1)
  },
)
