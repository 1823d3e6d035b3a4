/**
 * The CLI's commands. Each takes its arguments (after the command name) and
 * the environment, writes its result to `out`, and throws a UsageError for a
 * command line that cannot run.
 *
 * @since 0.1.0
 */
import { readFile, writeFile } from "node:fs/promises"
import { type ParseArgsConfig, parseArgs } from "node:util"
import {
  AccountStore,
  Actor,
  CommenterStore,
  type Ids,
  Portability,
  type Role,
} from "@kommies/core"
import { PgDatabase, PgMigrations } from "@kommies/store-postgres"
import { Effect, Option, Redacted } from "effect"
import { loadConfig, startFlags } from "../config/loadConfig.js"
import type { ServerConfig } from "../config/ServerConfig.js"
import { startServer } from "../server/start.js"
import { pgliteDir } from "../server/stores.js"
import { withKommies } from "./offline.js"
import { UsageError } from "./UsageError.js"

/** Where a command writes: its results (stdout) and its notes (stderr). */
export interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
}

const dataDirFlag = { "data-dir": { type: "string" } } as const

/** Parses a command's flags; unknown flags and stray arguments are usage errors. */
const flagsOf = <O extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: ReadonlyArray<string>,
  options: O,
) => {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), command)
  }
}

const configFor = (io: Io, dataDir: string | undefined): ServerConfig =>
  loadConfig(io.env, dataDir === undefined ? [] : ["--data-dir", dataDir])

const required = (command: string, flag: string, value: string | undefined): string => {
  if (value === undefined || value.trim() === "")
    throw new UsageError(`--${flag} is required`, command)
  return value.trim()
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const siteIdOf = (command: string, value: string | undefined): Ids.SiteId => {
  const id = required(command, "site", value)
  if (!uuid.test(id))
    throw new UsageError(`--site: expected a site id (a UUID), got ${JSON.stringify(id)}`, command)
  return id.toLowerCase() as Ids.SiteId
}

/** `kommies start`: runs until SIGTERM/SIGINT, then closes gracefully and resolves. */
export const start = async (args: ReadonlyArray<string>, io: Io): Promise<void> => {
  flagsOf("start", args, startFlags)
  const config = loadConfig(io.env, args)
  const server = await startServer(config)
  const base = server.app.publicUrl
  io.out(`Kommies is running (${config.mode} mode), listening on ${server.url}
  dashboard:  ${base}/dashboard/
  demo page:  ${base}/demo
  API docs:   ${base}/api/docs
Stop with Ctrl+C.
`)
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      io.err(`${signal}: shutting down…\n`)
      // a second signal does not wait for the graceful path
      process.once("SIGINT", () => process.exit(130))
      process.once("SIGTERM", () => process.exit(143))
      server.close().then(resolve, (error) => {
        io.err(`shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`)
        process.exitCode = 1
        resolve()
      })
    }
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
  })
}

/** `kommies migrate`: the database's migrations only. */
export const migrate = async (args: ReadonlyArray<string>, io: Io): Promise<void> => {
  const flags = flagsOf("migrate", args, dataDirFlag)
  const config = configFor(io, flags["data-dir"])
  const database =
    config.databaseUrl === null
      ? PgDatabase.makeEmbedded({
          dataDir: pgliteDir(config.dataDir),
          schema: config.databaseSchema,
        })
      : PgDatabase.make({
          url: config.databaseUrl,
          schema: config.databaseSchema,
          poolSize: 1,
        })
  await Effect.runPromise(Effect.scoped(Effect.asVoid(database)))
  const where =
    config.databaseUrl === null
      ? pgliteDir(config.dataDir)
      : new URL(Redacted.value(config.databaseUrl)).host
  io.out(
    `The database (${where}, schema ${config.databaseSchema}) is at migration ${PgMigrations.latest}.\n`,
  )
}

/** `kommies create-site`. */
export const createSite = async (args: ReadonlyArray<string>, io: Io): Promise<void> => {
  const flags = flagsOf("create-site", args, {
    name: { type: "string" },
    origin: { type: "string", multiple: true },
    owner: { type: "string" },
    ...dataDirFlag,
  })
  const name = required("create-site", "name", flags.name)
  const config = configFor(io, flags["data-dir"])
  await withKommies(config, async (kommies) => {
    let ownerAccountId: Ids.AccountId | null = null
    if (flags.owner !== undefined) {
      const email = flags.owner.trim().toLowerCase()
      const account = await kommies.run(
        Effect.flatMap(AccountStore.AccountStore, (accounts) => accounts.getByEmail(email)),
      )
      if (Option.isNone(account))
        throw new UsageError(`--owner: no dashboard account has the email ${email}`, "create-site")
      ownerAccountId = account.value.id
    }
    const { site, secretKey } = await kommies.sites.create({
      name,
      allowedOrigins: flags.origin ?? [],
      ownerAccountId,
    })
    io.out(`Created site ${JSON.stringify(site.name)}
  site id:     ${site.id}
  public key:  ${site.publicKey}
  secret key:  ${secretKey}   (shown once: keep it on your servers)
  origins:     ${site.allowedOrigins.join(", ") || "(none yet: add them in the dashboard)"}
`)
  })
}

const roles = ["moderator", "admin", "user"] as const

/** `kommies promote`. */
export const promote = async (args: ReadonlyArray<string>, io: Io): Promise<void> => {
  const flags = flagsOf("promote", args, {
    site: { type: "string" },
    commenter: { type: "string" },
    role: { type: "string" },
    ...dataDirFlag,
  })
  const siteId = siteIdOf("promote", flags.site)
  const who = required("promote", "commenter", flags.commenter)
  const role = required("promote", "role", flags.role)
  if (!(roles as ReadonlyArray<string>).includes(role))
    throw new UsageError(
      `--role: expected moderator, admin or user, got ${JSON.stringify(role)}`,
      "promote",
    )
  const config = configFor(io, flags["data-dir"])
  await withKommies(config, async (kommies) => {
    await kommies.sites.get(siteId)
    let commenterId = who as Ids.CommenterId
    if (who.includes("@")) {
      const found = await kommies.run(
        Effect.flatMap(CommenterStore.CommenterStore, (store) =>
          store.getByEmail(siteId, who.toLowerCase()),
        ),
      )
      if (Option.isNone(found))
        throw new UsageError(`--commenter: nobody registered with ${who} on this site`, "promote")
      commenterId = found.value.id
    }
    const updated = await kommies.commenters.setRole(
      Actor.system(siteId),
      commenterId,
      role as Role.Role,
    )
    io.out(`${updated.displayName} (${updated.id}) is now ${updated.role} on site ${siteId}.\n`)
  })
}

/** `kommies export`. */
export const exportSite = async (args: ReadonlyArray<string>, io: Io): Promise<void> => {
  const flags = flagsOf("export", args, {
    site: { type: "string" },
    out: { type: "string" },
    ...dataDirFlag,
  })
  const siteId = siteIdOf("export", flags.site)
  const config = configFor(io, flags["data-dir"])
  await withKommies(config, async (kommies) => {
    const doc = await kommies.run(Portability.exportSite(Actor.system(siteId)))
    const text = `${JSON.stringify(doc, null, 2)}\n`
    if (flags.out === undefined) io.out(text)
    else {
      await writeFile(flags.out, text)
      io.err(`Wrote the export of site ${siteId} to ${flags.out}.\n`)
    }
  })
}

/** `kommies import`. */
export const importSite = async (args: ReadonlyArray<string>, io: Io): Promise<void> => {
  const flags = flagsOf("import", args, {
    site: { type: "string" },
    in: { type: "string" },
    ...dataDirFlag,
  })
  const siteId = siteIdOf("import", flags.site)
  const file = required("import", "in", flags.in)
  let doc: unknown
  try {
    doc = JSON.parse(await readFile(file, "utf8"))
  } catch (error) {
    throw new UsageError(
      `--in: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`,
      "import",
    )
  }
  const config = configFor(io, flags["data-dir"])
  await withKommies(config, async (kommies) => {
    const written = await kommies.run(Portability.importSite(Actor.system(siteId), doc))
    io.out(
      `Imported into site ${siteId}: ${written.commenters} commenters, ${written.threads} threads, ${written.comments} comments.\n`,
    )
  })
}
