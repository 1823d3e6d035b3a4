/**
 * The settings of a reference server, as `loadConfig` reads them from the
 * environment and the command line.
 *
 * @since 0.1.0
 */
import type { Redacted } from "effect"
import type { BillingSettings } from "../billing/index.js"

/**
 * Every setting of the reference server, validated. Secrets are `Redacted`,
 * so a logged config never shows them.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerConfig {
  /** `standalone` (one site, no billing) or `saas` (accounts, many sites, plans). `KOMMIES_MODE`, `--mode`. */
  readonly mode: "standalone" | "saas"
  /** The TCP port; 0 picks a free one. `PORT`, `--port`. Default 8787. */
  readonly port: number
  /** The address to listen on. `HOST`, `--host`. Default `127.0.0.1` (this machine only). */
  readonly host: string
  /**
   * Where browsers reach the server, without a trailing slash. `KOMMIES_PUBLIC_URL`,
   * `--public-url`. Null: `http://localhost:<port>`, once the port is known.
   */
  readonly publicUrl: string | null
  /** The folder of the embedded database and the generated secret. `KOMMIES_DATA_DIR`, `--data-dir`. Absolute. */
  readonly dataDir: string
  /** A PostgreSQL server; null: embedded PGlite in `dataDir`. `DATABASE_URL`. */
  readonly databaseUrl: Redacted.Redacted | null
  /** The schema of the Kommies tables. `DATABASE_SCHEMA`. Default `kommies`. */
  readonly databaseSchema: string
  /** Connections per process to PostgreSQL. `DATABASE_POOL_SIZE`. Default 10. */
  readonly databasePoolSize: number
  /** Redis for fan-out, presence and rate limits across processes; null: in-process. `REDIS_URL`. */
  readonly redisUrl: Redacted.Redacted | null
  /** Start of every Redis key and channel (several deployments on one Redis). `REDIS_PREFIX`. Default `kommies:`. */
  readonly redisPrefix: string
  /** The token signing secret (32+ characters); null: generated and kept in `dataDir`. `KOMMIES_SECRET`. */
  readonly secret: Redacted.Redacted | null
  /** `standalone` mode: the site's name. `KOMMIES_SITE_NAME`. Null keeps the stored name (first start: "My site"). */
  readonly siteName: string | null
  /** `standalone` mode: origins allowed to embed comments, beside the public URL. `KOMMIES_ALLOWED_ORIGINS`. */
  readonly allowedOrigins: ReadonlyArray<string>
  /** `smtp://user:pass@host:587` or `smtps://…`; null: emails are logged, not sent. `SMTP_URL`. */
  readonly smtpUrl: Redacted.Redacted | null
  /** The `From` of every email. `KOMMIES_MAIL_FROM`. */
  readonly mailFrom: string
  /** pino level. `LOG_LEVEL`. Default `info`. */
  readonly logLevel: LogLevel
  /**
   * Behind a reverse proxy: `true` trusts every hop's `X-Forwarded-*`, a list
   * trusts those addresses or CIDR ranges. `KOMMIES_TRUST_PROXY`. Default false.
   */
  readonly trustProxy: boolean | ReadonlyArray<string>
  /**
   * `saas` mode with `STRIPE_SECRET_KEY` and `STRIPE_WEBHOOK_SECRET` set: plans
   * and Stripe's settings (see the README's Billing section). Null: billing off.
   */
  readonly billing: BillingSettings | null
  /** The environment the config came from. */
  readonly env: Readonly<Record<string, string | undefined>>
}

/** @since 0.1.0 @category models */
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent"

/**
 * A configuration that cannot start: every problem found, each naming the
 * variable or flag, in one message.
 *
 * @since 0.1.0
 * @category errors
 */
export class ConfigProblem extends Error {
  override readonly name = "ConfigProblem"
  readonly problems: ReadonlyArray<string>
  constructor(problems: ReadonlyArray<string>) {
    super(
      `The configuration has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}:\n${problems
        .map((p) => `  - ${p}`)
        .join("\n")}`,
    )
    this.problems = problems
  }
}
