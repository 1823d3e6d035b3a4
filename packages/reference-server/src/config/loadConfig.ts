/**
 * `loadConfig`: the server's settings from environment variables and
 * command-line flags (flags win), each checked with effect/Schema; every
 * problem is collected, so one run names all of them.
 *
 * @since 0.1.0
 */
import { resolve } from "node:path"
import { parseArgs } from "node:util"
import { Either, Redacted, Schema } from "effect"
import { stripeConfigFromEnv } from "../billing/index.js"
import { ConfigProblem, type LogLevel, type ServerConfig } from "./ServerConfig.js"

/** The flags `start` accepts; the rest of the settings are variables only. */
export const startFlags = {
  port: { type: "string" },
  host: { type: "string" },
  mode: { type: "string" },
  "public-url": { type: "string" },
  "data-dir": { type: "string" },
} as const

const Port = Schema.NumberFromString.pipe(Schema.int(), Schema.between(0, 65535))
const Mode = Schema.Literal("standalone", "saas")
const Level = Schema.Literal("fatal", "error", "warn", "info", "debug", "trace", "silent")
const SchemaName = Schema.String.pipe(Schema.pattern(/^[a-z_][a-z0-9_]{0,62}$/))
const PoolSize = Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 1000))

const urlWith = (protocols: ReadonlyArray<string>) => (value: string) => {
  try {
    const url = new URL(value)
    return protocols.includes(url.protocol) && url.hostname !== ""
  } catch {
    return false
  }
}

/** An origin as browsers send it: scheme, host and port only. */
const originOf = (value: string): string | null => {
  try {
    const url = new URL(value)
    if (url.protocol !== "http:" && url.protocol !== "https:") return null
    if (url.pathname !== "/" || url.search !== "" || url.hash !== "") return null
    return url.origin
  } catch {
    return null
  }
}

/**
 * Reads and checks the configuration. Throws a {@link ConfigProblem} that
 * lists every bad or missing setting by the variable or flag to fix.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { loadConfig, startServer } from "@kommies/reference-server"
 *
 * const server = await startServer(loadConfig(process.env, process.argv.slice(2)))
 */
export const loadConfig = (
  env: Readonly<Record<string, string | undefined>>,
  argv: ReadonlyArray<string> = [],
): ServerConfig => {
  const problems: Array<string> = []
  let flags: Partial<Record<keyof typeof startFlags, string>> = {}
  try {
    flags = parseArgs({ args: [...argv], options: startFlags, strict: true }).values
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error))
  }
  const raw = (name: string, flag?: keyof typeof startFlags): [string, string | undefined] => {
    const fromFlag = flag === undefined ? undefined : flags[flag]
    if (fromFlag !== undefined) return [`--${flag}`, fromFlag]
    const value = env[name]
    return [name, value === undefined || value.trim() === "" ? undefined : value.trim()]
  }
  /** Decodes one setting; a failure is recorded with its name and `expected`. */
  const read = <A, I extends string>(
    name: string,
    flag: keyof typeof startFlags | undefined,
    schema: Schema.Schema<A, I>,
    fallback: A,
    expected: string,
  ): A => {
    const [source, value] = raw(name, flag)
    if (value === undefined) return fallback
    const decoded = Schema.decodeUnknownEither(schema)(value)
    if (Either.isRight(decoded)) return decoded.right
    problems.push(`${source}: expected ${expected}, got ${JSON.stringify(value)}`)
    return fallback
  }
  const url = (name: string, protocols: ReadonlyArray<string>, expected: string) => {
    const [, value] = raw(name)
    if (value === undefined) return null
    if (!urlWith(protocols)(value)) {
      // never echo the value: it may carry a password
      problems.push(`${name}: expected ${expected}`)
      return null
    }
    return Redacted.make(value)
  }

  const mode = read("KOMMIES_MODE", "mode", Mode, "standalone", "standalone or saas")
  const port = read("PORT", "port", Port, 8787, "a port number from 0 to 65535")
  const [, hostValue] = raw("HOST", "host")
  const host = hostValue ?? "127.0.0.1"

  let publicUrl: string | null = null
  const [publicSource, publicValue] = raw("KOMMIES_PUBLIC_URL", "public-url")
  if (publicValue !== undefined) {
    if (urlWith(["http:", "https:"])(publicValue)) publicUrl = publicValue.replace(/\/+$/, "")
    else
      problems.push(`${publicSource}: expected an http(s) URL such as https://comments.example.com`)
  }

  const [, dataValue] = raw("KOMMIES_DATA_DIR", "data-dir")
  const dataDir = resolve(dataValue ?? ".kommies")

  const databaseUrl = url(
    "DATABASE_URL",
    ["postgres:", "postgresql:"],
    "postgres://user:password@host:5432/database",
  )
  const databaseSchema = read(
    "DATABASE_SCHEMA",
    undefined,
    SchemaName,
    "kommies",
    "a schema name (lower-case letters, digits and _)",
  )
  const databasePoolSize = read(
    "DATABASE_POOL_SIZE",
    undefined,
    PoolSize,
    10,
    "a whole number from 1 to 1000",
  )
  const redisUrl = url("REDIS_URL", ["redis:", "rediss:"], "redis://[:password@]host:6379[/db]")

  const redisPrefix = read(
    "REDIS_PREFIX",
    undefined,
    Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9:_.-]{1,64}$/)),
    "kommies:",
    "letters, digits and : _ . - (no braces)",
  )

  const [, secretValue] = raw("KOMMIES_SECRET")
  let secret: Redacted.Redacted | null = null
  if (secretValue !== undefined) {
    if (secretValue.length < 32)
      problems.push("KOMMIES_SECRET: expected at least 32 characters (try: openssl rand -hex 32)")
    else secret = Redacted.make(secretValue)
  } else if (databaseUrl !== null) {
    problems.push(
      "KOMMIES_SECRET: required with DATABASE_URL, so that every process signs and checks tokens with the same key (try: openssl rand -hex 32)",
    )
  }

  const [, nameValue] = raw("KOMMIES_SITE_NAME")
  if (nameValue !== undefined && nameValue.length > 200)
    problems.push("KOMMIES_SITE_NAME: expected at most 200 characters")
  const allowedOrigins: Array<string> = []
  const [, originsValue] = raw("KOMMIES_ALLOWED_ORIGINS")
  for (const entry of (originsValue ?? "").split(/[\s,]+/).filter((o) => o !== "")) {
    const origin = originOf(entry)
    if (origin === null)
      problems.push(
        `KOMMIES_ALLOWED_ORIGINS: ${JSON.stringify(entry)} is not an origin such as https://blog.example.com (scheme, host and port only)`,
      )
    else allowedOrigins.push(origin)
  }

  const smtpUrl = url("SMTP_URL", ["smtp:", "smtps:"], "smtp://user:password@host:587 or smtps://…")
  const [, fromValue] = raw("KOMMIES_MAIL_FROM")
  if (fromValue !== undefined && !/^[^\r\n]*@[^\r\n]*$/.test(fromValue))
    problems.push('KOMMIES_MAIL_FROM: expected an address such as "Kommies <no-reply@example.com>"')
  const mailFrom = fromValue ?? "Kommies <no-reply@localhost>"

  const logLevel: LogLevel = read(
    "LOG_LEVEL",
    undefined,
    Level,
    "info",
    "fatal, error, warn, info, debug, trace or silent",
  )

  let trustProxy: boolean | ReadonlyArray<string> = false
  const [, proxyValue] = raw("KOMMIES_TRUST_PROXY")
  if (proxyValue !== undefined) {
    if (/^(true|1|yes)$/i.test(proxyValue)) trustProxy = true
    else if (/^(false|0|no)$/i.test(proxyValue)) trustProxy = false
    else {
      const list = proxyValue.split(/[\s,]+/).filter((a) => a !== "")
      if (list.every((a) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a))) trustProxy = list
      else
        problems.push(
          "KOMMIES_TRUST_PROXY: expected true, false, or a list of proxy addresses or CIDR ranges (10.0.0.0/8, 127.0.0.1)",
        )
    }
  }

  // Billing is a saas concern; its module reads and checks its own variables.
  let billing: ServerConfig["billing"] = null
  if (mode === "saas") {
    const settings = stripeConfigFromEnv(env)
    if (Either.isLeft(settings)) problems.push(settings.left.message)
    else billing = settings.right
  }

  if (problems.length > 0) throw new ConfigProblem(problems)
  return {
    mode,
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl,
    databaseSchema,
    databasePoolSize,
    redisUrl,
    redisPrefix,
    secret,
    siteName: nameValue ?? null,
    allowedOrigins,
    smtpUrl,
    mailFrom,
    logLevel,
    trustProxy,
    billing,
    env,
  }
}
