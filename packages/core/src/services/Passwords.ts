/**
 * Password hashing for commenters and dashboard accounts.
 *
 * Why scrypt from @noble/hashes: it is audited, maintained, pure JavaScript with no
 * native build, and runs everywhere core runs (Node, browsers, edge workers), where
 * `node:crypto` does not exist; its async variant yields to the event loop while it
 * works, so a login does not stall every other request on the server.
 *
 * Hashes are PHC-style strings, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (standard
 * base64 without padding), so the cost travels with each hash and can be raised later:
 * `needsRehash` says when a stored hash was made with other parameters.
 *
 * @since 0.1.0
 */
import { scryptAsync } from "@noble/hashes/scrypt.js"
import { ConfigError, Context, Effect, Layer } from "effect"
import { type InvalidInput, invalid } from "../Errors.js"
import { constantTimeEqual } from "../internal/crypto.js"

/** Cost and length rules of the Passwords service. @since 0.1.0 @category models */
export interface PasswordsConfig {
  /** log2 of scrypt's N (CPU/memory cost). Default 15 (N = 32768, 32 MiB with r = 8). */
  readonly ln?: number
  /** scrypt block size. Default 8. */
  readonly r?: number
  /** scrypt parallelism. Default 1. */
  readonly p?: number
  /** Minimum length in characters (Unicode code points). Default 8. */
  readonly minLength?: number
  /** Maximum length in characters. Default 1024. */
  readonly maxLength?: number
}

/** What the Passwords service does. @since 0.1.0 @category models */
export interface PasswordsShape {
  /** Checks the length rules, then hashes with a fresh random salt. */
  readonly hash: (password: string) => Effect.Effect<string, InvalidInput>
  /**
   * Whether `password` matches `hash`, compared in constant time. With a null hash
   * (no such user, or no password set) it still spends the time of one hash and says
   * false, so response times do not tell which emails have accounts.
   */
  readonly verify: (password: string, hash: string | null) => Effect.Effect<boolean>
  /** True when `hash` was made with other parameters than the current config (or is not ours). */
  readonly needsRehash: (hash: string) => boolean
  /** The length rules alone: `password_too_short`, `password_too_long`. */
  readonly validate: (password: string) => Effect.Effect<void, InvalidInput>
}

/** Hashes and verifies passwords. @since 0.1.0 @category tags */
export class Passwords extends Context.Tag("@kommies/core/Passwords")<
  Passwords,
  PasswordsShape
>() {}

const SALT_BYTES = 16
const HASH_BYTES = 32
const PHC =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{16,})$/
// Bounds on what `verify` accepts from a stored hash, so a corrupt row cannot ask for
// gigabytes of memory.
const MAX_LN = 22
const MAX_R = 64
const MAX_P = 16

const toB64 = (bytes: Uint8Array): string => {
  let bin = ""
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/=+$/, "")
}

const fromB64 = (text: string): Uint8Array | null => {
  try {
    const bin = atob(text)
    const out = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
    return out
  } catch {
    return null
  }
}

interface Parsed {
  readonly ln: number
  readonly r: number
  readonly p: number
  readonly salt: Uint8Array
  readonly hash: string
  readonly hashBytes: number
}

const parse = (phc: string): Parsed | null => {
  const m = PHC.exec(phc)
  if (m === null) return null
  const [, ln, r, p, salt, hash] = m
  const saltBytes = fromB64(salt ?? "")
  const hashBytes = fromB64(hash ?? "")
  if (saltBytes === null || hashBytes === null) return null
  return {
    ln: Number(ln),
    r: Number(r),
    p: Number(p),
    salt: saltBytes,
    hash: toB64(hashBytes),
    hashBytes: hashBytes.length,
  }
}

// NFKC, as NIST SP 800-63B asks, so the same password typed on two keyboards matches.
const normalize = (password: string) => password.normalize("NFKC")

// scrypt needs 128 * r * N * p bytes; refuse more than this, from config or a stored hash.
const MAX_MEMORY = 256 * 1024 * 1024
const memoryOf = (ln: number, r: number, p: number) => 128 * r * 2 ** ln * p

const derive = (
  password: string,
  salt: Uint8Array,
  ln: number,
  r: number,
  p: number,
  dkLen: number,
): Effect.Effect<Uint8Array | null> =>
  Effect.tryPromise(() =>
    scryptAsync(normalize(password), salt, { N: 2 ** ln, r, p, dkLen, maxmem: MAX_MEMORY + 4096 }),
  ).pipe(Effect.orElseSucceed(() => null))

const checkInt = (name: string, value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max
    ? Effect.void
    : Effect.fail(
        ConfigError.InvalidData([name], `Passwords: ${name} must be an integer in ${min}..${max}`),
      )

/**
 * Builds the Passwords service; fails with a ConfigError on out-of-range parameters.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const passwords = yield* Passwords.make({ ln: 15 })
 * const hash = yield* passwords.hash("correct horse battery staple")
 * const ok = yield* passwords.verify("correct horse battery staple", hash) // true
 */
export const make = (
  config: PasswordsConfig = {},
): Effect.Effect<PasswordsShape, ConfigError.ConfigError> =>
  Effect.gen(function* () {
    const ln = config.ln ?? 15
    const r = config.r ?? 8
    const p = config.p ?? 1
    const minLength = config.minLength ?? 8
    const maxLength = config.maxLength ?? 1024
    yield* checkInt("ln", ln, 1, MAX_LN)
    yield* checkInt("r", r, 1, MAX_R)
    yield* checkInt("p", p, 1, MAX_P)
    yield* checkInt("minLength", minLength, 1, maxLength)
    yield* checkInt("maxLength", maxLength, minLength, 65536)
    if (memoryOf(ln, r, p) > MAX_MEMORY) {
      return yield* Effect.fail(
        ConfigError.InvalidData(["ln"], "Passwords: ln, r and p ask scrypt for more than 256 MiB"),
      )
    }

    const validate = (password: string): Effect.Effect<void, InvalidInput> => {
      const length = [...normalize(password)].length
      if (length < minLength) {
        return invalid("password_too_short", `The password needs at least ${minLength} characters`)
      }
      if (length > maxLength) {
        return invalid("password_too_long", `The password may have at most ${maxLength} characters`)
      }
      return Effect.void
    }

    const hash = (password: string) =>
      Effect.gen(function* () {
        yield* validate(password)
        const salt = new Uint8Array(SALT_BYTES)
        globalThis.crypto.getRandomValues(salt)
        const key = yield* derive(password, salt, ln, r, p, HASH_BYTES)
        if (key === null) return yield* Effect.die(new Error("Passwords: scrypt failed"))
        return `$scrypt$ln=${ln},r=${r},p=${p}$${toB64(salt)}$${toB64(key)}`
      })

    const dummySalt = new Uint8Array(SALT_BYTES)
    const verify = (password: string, stored: string | null) =>
      Effect.gen(function* () {
        const parsed = stored === null ? null : parse(stored)
        const usable =
          parsed !== null &&
          parsed.ln <= MAX_LN &&
          parsed.r <= MAX_R &&
          parsed.p <= MAX_P &&
          memoryOf(parsed.ln, parsed.r, parsed.p) <= MAX_MEMORY &&
          parsed.hashBytes >= 16 &&
          parsed.hashBytes <= 64
        if (!usable || [...normalize(password)].length > maxLength) {
          yield* derive(password.slice(0, maxLength), dummySalt, ln, r, p, HASH_BYTES)
          return false
        }
        const key = yield* derive(
          password,
          parsed.salt,
          parsed.ln,
          parsed.r,
          parsed.p,
          parsed.hashBytes,
        )
        return key !== null && constantTimeEqual(toB64(key), parsed.hash)
      })

    const needsRehash = (stored: string) => {
      const parsed = parse(stored)
      return (
        parsed === null ||
        parsed.ln !== ln ||
        parsed.r !== r ||
        parsed.p !== p ||
        parsed.hashBytes !== HASH_BYTES ||
        parsed.salt.length < SALT_BYTES
      )
    }

    return Passwords.of({ hash, verify, needsRehash, validate })
  })

/**
 * The Passwords service as a Layer. Tests pass a low cost (`{ ln: 4 }`) to stay fast.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * const PasswordsLive = Passwords.layer()            // ln=15, r=8, p=1
 * const PasswordsTest = Passwords.layer({ ln: 4 })   // fast, for tests only
 */
export const layer = (
  config: PasswordsConfig = {},
): Layer.Layer<Passwords, ConfigError.ConfigError> => Layer.effect(Passwords, make(config))
