/**
 * Loading the signing and verification keys of the Tokens service with jose, on
 * WebCrypto only (browsers, edge runtimes and Node alike).
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"
import { Redacted } from "effect"
import {
  base64url,
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  importJWK,
  importPKCS8,
  importSPKI,
  type JWK,
} from "jose"
import type { KeyInput, SecretInput } from "../services/Tokens.js"

/** The algorithms Kommies signs its own tokens with. */
export type Alg = "HS256" | "RS256" | "EdDSA"

/** A key ready for jose. `sign` is null for keys kept only to verify older tokens. */
export interface LoadedKey {
  readonly kid: string
  readonly alg: Alg
  readonly sign: CryptoKey | Uint8Array | null
  readonly verify: CryptoKey | Uint8Array
  /** Public JWK to publish in the JWKS; null for shared secrets, which are never published. */
  readonly publicJwk: JWK | null
}

/** A key that cannot be used, with a message that says how to fix it. */
export class KeyConfigError extends Error {}

/** The minimum HS256 secret: as many bytes as the HMAC output (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32

const MIN_RSA_BITS = 2048

/** The bytes of a secret given as text, bytes or a Redacted string. */
export const secretBytes = (secret: SecretInput): Uint8Array =>
  secret instanceof Uint8Array
    ? secret
    : utf8ToBytes(Redacted.isRedacted(secret) ? Redacted.value(secret) : secret)

const fail = (message: string): never => {
  throw new KeyConfigError(message)
}

/** Only the public members of an asymmetric JWK. */
const publicPart = (jwk: JWK): JWK => {
  const out: JWK = {}
  if (jwk.kty !== undefined) out.kty = jwk.kty
  if (jwk.crv !== undefined) out.crv = jwk.crv
  if (jwk.n !== undefined) out.n = jwk.n
  if (jwk.e !== undefined) out.e = jwk.e
  if (jwk.x !== undefined) out.x = jwk.x
  if (jwk.y !== undefined) out.y = jwk.y
  return out
}

const checkShape = (jwk: JWK, alg: "RS256" | "EdDSA") => {
  if (alg === "RS256") {
    if (jwk.kty !== "RSA" || jwk.n === undefined) fail("an RS256 key must be an RSA key")
    const bits = base64url.decode(jwk.n ?? "").length * 8
    if (bits < MIN_RSA_BITS) fail(`an RS256 key needs at least ${MIN_RSA_BITS} bits (got ${bits})`)
  } else if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519") {
    fail("an EdDSA key must be an Ed25519 (OKP) key")
  }
}

const parseJwk = (text: string): JWK => {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as JWK
  } catch {
    // reported below
  }
  return fail("the key looks like JSON but is not a JWK object")
}

/** A private JWK from a PKCS8 PEM, a JWK object or a JWK as JSON text. */
const privateJwk = async (input: SecretInput | JWK, alg: "RS256" | "EdDSA"): Promise<JWK> => {
  if (input instanceof Uint8Array) return fail("a private key must be a PKCS8 PEM string or a JWK")
  if (typeof input === "object" && !Redacted.isRedacted(input)) return input
  // Environment files often carry a PEM on one line with literal "\n" escapes.
  const text = (Redacted.isRedacted(input) ? Redacted.value(input) : input)
    .trim()
    .replace(/\\n/g, "\n")
  if (text.startsWith("{")) return parseJwk(text)
  if (!text.includes("-----BEGIN PRIVATE KEY-----")) {
    return fail("a private key PEM must be PKCS8 (-----BEGIN PRIVATE KEY-----)")
  }
  const key = await importPKCS8(text, alg, { extractable: true }).catch(() =>
    fail(`the PKCS8 PEM is not a valid ${alg} private key`),
  )
  return exportJWK(key)
}

/** A public JWK from an SPKI PEM or a JWK. */
const publicJwk = async (input: string | JWK, alg: "RS256" | "EdDSA"): Promise<JWK> => {
  if (typeof input === "object") return input
  const text = input.trim()
  if (text.startsWith("{")) return parseJwk(text)
  const key = await importSPKI(text, alg, { extractable: true }).catch(() =>
    fail(`the public key is not a valid ${alg} SPKI PEM (-----BEGIN PUBLIC KEY-----)`),
  )
  return exportJWK(key)
}

const importAs = async (jwk: JWK, alg: string, what: string): Promise<CryptoKey> => {
  const key = await importJWK({ ...jwk, alg }, alg).catch(() =>
    fail(`the ${what} key is not a valid ${alg} key`),
  )
  return key instanceof Uint8Array ? fail(`the ${what} key must be asymmetric for ${alg}`) : key
}

/**
 * Turns one configured key into jose keys. The kid of a shared secret is a short
 * SHA-256 of it: anybody holding an HS256 token can already test guesses of the
 * secret offline, so the kid reveals nothing more.
 */
export const loadKey = async (input: KeyInput): Promise<LoadedKey> => {
  if ("secret" in input) {
    const bytes = secretBytes(input.secret)
    if (bytes.length < MIN_SECRET_BYTES) {
      fail(
        `the HS256 secret must be at least ${MIN_SECRET_BYTES} bytes (got ${bytes.length}); ` +
          "generate one with `openssl rand -base64 32`",
      )
    }
    const kid = input.kid ?? `hs-${bytesToHex(sha256(bytes)).slice(0, 16)}`
    return { kid, alg: "HS256", sign: bytes, verify: bytes, publicJwk: null }
  }
  const alg = input.alg
  let sign: CryptoKey | null = null
  let jwk: JWK
  if ("privateKey" in input) {
    const priv = await privateJwk(input.privateKey, alg)
    if (priv.d === undefined) fail("the private key has no private part (`d`)")
    checkShape(priv, alg)
    sign = await importAs(priv, alg, "private")
    jwk = priv
  } else {
    jwk = await publicJwk(input.publicKey, alg)
    checkShape(jwk, alg)
  }
  const pub = publicPart(jwk)
  const verify = await importAs(pub, alg, "public")
  const kid = input.kid ?? jwk.kid ?? (await calculateJwkThumbprint(pub, "sha256"))
  return { kid, alg, sign, verify, publicJwk: { ...pub, kid, alg, use: "sig" } }
}
