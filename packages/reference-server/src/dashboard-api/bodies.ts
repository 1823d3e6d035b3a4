/**
 * Request bodies and path parameters of the dashboard API as `effect/Schema`
 * schemas, checked against the wire contract, and the one decoder that turns
 * a failure into a 400 problem naming the field. Unknown fields are ignored;
 * the services apply the domain rules (email shape, password length) after.
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema } from "effect"
import type * as Contract from "./contract.js"
import { problem } from "./problems.js"

const text = (max: number) => Schema.String.pipe(Schema.minLength(1), Schema.maxLength(max))

/** Big enough for any address the services accept, small enough to refuse junk early. */
const Email = text(320)
/** The services' password rules decide; this only bounds the work of hashing. */
const Password = text(1024)
const ChallengeId = text(200)
const Code = text(32)
const TeamRole = Schema.Literal("admin", "moderator")

/** @since 0.1.0 @category schemas */
export const SignUpRequest = Schema.Struct({ email: Email, password: Password, name: text(200) })
/** @since 0.1.0 @category schemas */
export const VerifyRequest = Schema.Struct({ challengeId: ChallengeId, code: Code })
/** @since 0.1.0 @category schemas */
export const ResendVerificationRequest = Schema.Struct({ challengeId: ChallengeId })
/** @since 0.1.0 @category schemas */
export const LoginRequest = Schema.Struct({ email: Email, password: Password })
/** @since 0.1.0 @category schemas */
export const ResetRequest = Schema.Struct({ email: Email })
/** @since 0.1.0 @category schemas */
export const ResetConfirmRequest = Schema.Struct({
  challengeId: ChallengeId,
  code: Code,
  password: Password,
})
/** @since 0.1.0 @category schemas */
export const CreateSiteRequest = Schema.Struct({
  name: text(200),
  allowedOrigins: Schema.optionalWith(Schema.Array(text(300)).pipe(Schema.maxItems(100)), {
    exact: true,
  }),
})
/** @since 0.1.0 @category schemas */
export const InviteRequest = Schema.Struct({ email: Email, role: TeamRole })
/** `PUT /sites/:siteId/team/members/:accountId`. @since 0.1.0 @category schemas */
export const SetRoleRequest = Schema.Struct({ role: TeamRole })
/** @since 0.1.0 @category schemas */
export const AcceptInvitationRequest = Schema.Struct({ token: text(512) })
/** @since 0.1.0 @category schemas */
export const CheckoutRequest = Schema.Struct({ planId: text(100) })

// The schemas must decode to the contract's shapes: a drift fails type-check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const agree = <_ extends true>() => undefined
agree<Same<typeof SignUpRequest.Type, Contract.SignUpRequest>>()
agree<Same<typeof VerifyRequest.Type, Contract.VerifyRequest>>()
agree<Same<typeof ResendVerificationRequest.Type, Contract.ResendVerificationRequest>>()
agree<Same<typeof LoginRequest.Type, Contract.LoginRequest>>()
agree<Same<typeof ResetRequest.Type, Contract.ResetRequest>>()
agree<Same<typeof ResetConfirmRequest.Type, Contract.ResetConfirmRequest>>()
agree<Same<typeof CreateSiteRequest.Type, Contract.CreateSiteRequest>>()
agree<Same<typeof InviteRequest.Type, Contract.InviteRequest>>()
agree<Same<typeof SetRoleRequest.Type, Contract.SetMemberRoleRequest>>()
agree<Same<typeof AcceptInvitationRequest.Type, Contract.AcceptInvitationRequest>>()
agree<Same<typeof CheckoutRequest.Type, Contract.CheckoutRequest>>()

/**
 * Decodes a request body; a failure is a 400 `body_invalid` problem whose
 * `field` is the path of the first offending field.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * const { email, password } = decodeBody(LoginRequest, request.body)
 */
export const decodeBody = <A, I>(schema: Schema.Schema<A, I>, body: unknown): A => {
  const result = Schema.decodeUnknownEither(schema, { onExcessProperty: "ignore" })(body)
  if (Either.isRight(result)) return result.right
  const issue = ParseResult.ArrayFormatter.formatErrorSync(result.left)[0]
  const field = issue?.path.map(String).join(".") ?? ""
  if (field === "")
    throw problem(400, "body_invalid", "The body must be a JSON object with the documented fields")
  throw problem(400, "body_invalid", `${field}: ${issue?.message ?? "invalid"}`, { field })
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * An id from the path. Ids are UUIDs; anything else cannot name a record,
 * so it is answered as the record not found (and never reaches a store that
 * would choke on it).
 *
 * @since 0.1.0
 * @category decoding
 */
export const pathId = (value: string | undefined, code: string, what: string): string => {
  if (value === undefined || !uuid.test(value)) throw problem(404, code, `No such ${what}`)
  return value.toLowerCase()
}
