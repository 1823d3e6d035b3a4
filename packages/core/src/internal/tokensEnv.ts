/**
 * The Tokens config read from environment variables (see `Tokens.fromEnv`).
 */
import { Config, ConfigError, Duration, Either, Option, Redacted } from "effect"
import type { JWK } from "jose"
import type { KeyInput, TokensConfig } from "../services/Tokens.js"

const previousFromJwks = (
  text: string,
): Either.Either<Array<KeyInput>, ConfigError.ConfigError> => {
  const bad = (why: string) =>
    Either.left(ConfigError.InvalidData(["KOMMIES_JWT_PREVIOUS_JWKS"], `Tokens: ${why}`))
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return bad("not JSON")
  }
  const keys: unknown =
    typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "keys") : null
  if (!Array.isArray(keys)) return bad('expected a JWKS, {"keys": [...]}')
  const out: Array<KeyInput> = []
  for (const key of keys as Array<JWK>) {
    const alg: "RS256" | "EdDSA" | null =
      key.alg === "RS256" ? "RS256" : key.alg === "EdDSA" ? "EdDSA" : null
    if (alg === null) return bad("every key needs alg RS256 or EdDSA")
    out.push(
      key.kid === undefined ? { alg, publicKey: key } : { alg, publicKey: key, kid: key.kid },
    )
  }
  return Either.right(out)
}

/** `KOMMIES_JWT_*` variables as a TokensConfig. */
export const envConfig: Config.Config<TokensConfig> = Config.all({
  secret: Config.option(Config.redacted("KOMMIES_JWT_SECRET")),
  privateKey: Config.option(Config.redacted("KOMMIES_JWT_PRIVATE_KEY")),
  alg: Config.literal(
    "RS256",
    "EdDSA",
  )("KOMMIES_JWT_ALG").pipe(Config.withDefault("RS256" as const)),
  previousSecrets: Config.array(Config.redacted(), "KOMMIES_JWT_PREVIOUS_SECRETS").pipe(
    Config.withDefault([] as Array<Redacted.Redacted<string>>),
  ),
  previousJwks: Config.option(Config.string("KOMMIES_JWT_PREVIOUS_JWKS")),
  issuer: Config.string("KOMMIES_JWT_ISSUER").pipe(Config.withDefault("kommies")),
  accessTokenTtl: Config.duration("KOMMIES_ACCESS_TOKEN_TTL").pipe(
    Config.withDefault(Duration.minutes(15)),
  ),
}).pipe(
  Config.mapOrFail((env): Either.Either<TokensConfig, ConfigError.ConfigError> => {
    const previous = Option.match(env.previousJwks, {
      onNone: () => Either.right<Array<KeyInput>>([]),
      onSome: previousFromJwks,
    })
    if (Either.isLeft(previous)) return Either.left(previous.left)
    const previousKeys: Array<KeyInput> = [
      ...env.previousSecrets
        .filter((s) => Redacted.value(s).length > 0)
        .map((secret): KeyInput => ({ alg: "HS256", secret })),
      ...previous.right,
    ]
    const base = { previousKeys, issuer: env.issuer, accessTokenTtl: env.accessTokenTtl }
    if (Option.isSome(env.secret) && Option.isNone(env.privateKey)) {
      return Either.right({ ...base, secret: env.secret.value })
    }
    if (Option.isSome(env.privateKey) && Option.isNone(env.secret)) {
      return Either.right({
        ...base,
        signingKey: { alg: env.alg, privateKey: env.privateKey.value },
      })
    }
    const make = Option.isNone(env.secret) ? ConfigError.MissingData : ConfigError.InvalidData
    return Either.left(
      make(
        [],
        "Tokens: set exactly one of KOMMIES_JWT_SECRET or KOMMIES_JWT_PRIVATE_KEY " +
          "(move an old secret to KOMMIES_JWT_PREVIOUS_SECRETS)",
      ),
    )
  }),
)
