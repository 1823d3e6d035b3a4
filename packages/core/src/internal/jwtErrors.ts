/**
 * jose's errors as Unauthorized with stable codes.
 */
import { errors } from "jose"
import { type Unauthorized, unauthorized } from "../Errors.js"

/** The catch-all: bad signature, malformed, unknown key, disallowed alg, wrong type. */
export const invalidToken = (): Unauthorized =>
  unauthorized("token_invalid", "The token is not valid")

/**
 * Maps a jose failure: `token_expired`, `token_audience`, `token_issuer`,
 * `token_not_yet_valid`, `token_invalid`; with a remote JWKS, a key set that could not
 * be fetched is `sso_jwks_unavailable`.
 */
export const toUnauthorized = (error: unknown, remote: boolean): Unauthorized => {
  if (error instanceof errors.JWTExpired) {
    return unauthorized("token_expired", "The token has expired")
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") {
      return unauthorized("token_audience", "The token is for another audience")
    }
    if (error.claim === "iss") return unauthorized("token_issuer", "The token has the wrong issuer")
    if ((error.claim === "nbf" || error.claim === "iat") && error.reason === "check_failed") {
      return unauthorized("token_not_yet_valid", "The token is not valid yet")
    }
    return invalidToken()
  }
  const unavailable =
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    !(error instanceof errors.JOSEError) ||
    error.code === "ERR_JOSE_GENERIC"
  if (remote && unavailable) {
    return unauthorized("sso_jwks_unavailable", "The host's signing keys could not be fetched")
  }
  return invalidToken()
}
