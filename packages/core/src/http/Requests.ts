/**
 * What requests of the HTTP API carry: path parameters, query parameters and
 * JSON bodies. Bodies are strict: an unknown key is a 400, like a wrong type.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { BanKind } from "../domain/Ban.js"
import { ReportReason } from "../domain/Report.js"
import { Sort, SiteSettingsFields } from "../domain/Site.js"
import { Month } from "../domain/Usage.js"
import { VoteDirection } from "../domain/Vote.js"
import { CommenterId, CommentId } from "../Ids.js"

/**
 * A struct that refuses keys it does not name.
 *
 * @since 0.1.0
 * @category constructors
 */
export const strict = <Fields extends Schema.Struct.Fields>(fields: Fields) =>
  Schema.Struct(fields).annotations({ parseOptions: { onExcessProperty: "error" } })

const Text = (max: number) => Schema.String.pipe(Schema.maxLength(max))
const Optional = <S extends Schema.Schema.Any>(schema: S) => Schema.optional(Schema.NullOr(schema))
const IntParam = (min: number, max: number) =>
  Schema.NumberFromString.pipe(Schema.int(), Schema.between(min, max))

/** An id in a path. @since 0.1.0 @category path */
export const IdParam = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(64))

/** `/comments/{id}…`. @since 0.1.0 @category path */
export const CommentPath = Schema.Struct({ id: IdParam.pipe(Schema.compose(CommentId)) })
/** `/commenters/{id}…`. @since 0.1.0 @category path */
export const CommenterPath = Schema.Struct({ id: IdParam.pipe(Schema.compose(CommenterId)) })
/** `/threads/{key}…`: the page's key, URL-encoded. @since 0.1.0 @category path */
export const ThreadPath = Schema.Struct({ key: Schema.String.pipe(Schema.maxLength(2048)) })
/** `/site/keys/{which}/rotate`. @since 0.1.0 @category path */
export const KeyPath = Schema.Struct({ which: Schema.Literal("public", "secret") })

/** `GET /threads/{key}/comments`. @since 0.1.0 @category query */
export const ThreadQuery = Schema.Struct({
  sort: Schema.optional(Sort),
  cursor: Schema.optional(Text(512)),
  limit: Schema.optional(IntParam(1, 100)),
  replies: Schema.optional(IntParam(0, 10)),
})

/** `GET /comments/{id}/replies`. @since 0.1.0 @category query */
export const RepliesQuery = Schema.Struct({
  sort: Schema.optional(Sort),
  cursor: Schema.optional(Text(512)),
  limit: Schema.optional(IntParam(1, 100)),
})

/** `GET /counts?threads=a,b`: comma-separated keys. @since 0.1.0 @category query */
export const CountsQuery = Schema.Struct({
  threads: Text(100_000),
})

/** `GET /threads/{key}/events`. @since 0.1.0 @category query */
export const EventsQuery = Schema.Struct({
  lastEventId: Schema.optional(IntParam(0, Number.MAX_SAFE_INTEGER)),
})

/** `Last-Event-ID`, as an EventSource sends it on reconnect. @since 0.1.0 @category headers */
export const EventsHeaders = Schema.Struct({
  "last-event-id": Schema.optional(IntParam(0, Number.MAX_SAFE_INTEGER)),
})

/** Pages by id: `before` (or `after`) and `limit`. @since 0.1.0 @category query */
export const BeforeQuery = Schema.Struct({
  before: Schema.optional(IdParam),
  limit: Schema.optional(IntParam(1, 200)),
})

/** `GET /moderation/queue`. @since 0.1.0 @category query */
export const QueueQuery = Schema.Struct({
  kind: Schema.optional(Schema.Literal("pending", "reported", "spam", "rejected")),
  after: Schema.optional(IdParam),
  limit: Schema.optional(IntParam(1, 200)),
})

/**
 * `GET /moderation/search`. `q` is checked by the service (empty or too long
 * is a 400 with a stable code), so it is only capped here.
 *
 * @since 0.1.0
 * @category query
 */
export const SearchQuery = Schema.Struct({
  q: Schema.optionalWith(Text(10_000), { default: () => "" }),
  cursor: Schema.optional(Text(512)),
  limit: Schema.optional(IntParam(1, 200)),
})

/** `GET /site/analytics`. @since 0.1.0 @category query */
export const AnalyticsQuery = Schema.Struct({
  days: Schema.optional(IntParam(1, 366)),
})

/** `GET /site/usage`. @since 0.1.0 @category query */
export const UsageQuery = Schema.Struct({
  month: Schema.optional(Month),
})

/** `POST /threads/{key}/comments`. @since 0.1.0 @category payloads */
export const CreateComment = strict({
  body: Text(100_000),
  parentId: Optional(IdParam.pipe(Schema.compose(CommentId))),
  /** The form's hidden field; leave empty. */
  honeypot: Optional(Text(1_000)),
  /** Milliseconds the form was open before submitting. */
  elapsedMs: Optional(Schema.Number.pipe(Schema.finite(), Schema.nonNegative())),
  url: Optional(Text(2_048)),
  title: Optional(Text(300)),
})

/** `PATCH /comments/{id}`. @since 0.1.0 @category payloads */
export const EditComment = strict({ body: Text(100_000) })

/** `POST /comments/{id}/vote`: the same direction again takes it back. @since 0.1.0 @category payloads */
export const Vote = strict({ direction: VoteDirection })

/** `POST /comments/{id}/report`. @since 0.1.0 @category payloads */
export const Report = strict({
  reason: ReportReason,
  note: Optional(Text(1_000)),
})

/** `POST /preview`. @since 0.1.0 @category payloads */
export const Preview = strict({ body: Text(100_000) })

/** `POST /notifications/read`: the ids, or all when omitted. @since 0.1.0 @category payloads */
export const MarkRead = strict({
  ids: Optional(Schema.Array(IdParam).pipe(Schema.maxItems(500))),
})

/** `POST /auth/guest`. @since 0.1.0 @category payloads */
export const Guest = strict({
  displayName: Text(200),
  email: Optional(Text(320)),
})

/** `POST /auth/register`. @since 0.1.0 @category payloads */
export const Register = strict({
  email: Text(320),
  displayName: Text(200),
  password: Text(1_024),
})

/** `POST /auth/verify`: the challenge from register and the emailed code. @since 0.1.0 @category payloads */
export const Verify = strict({
  challengeId: Text(200),
  code: Text(32),
})

/** `POST /auth/resend`. @since 0.1.0 @category payloads */
export const Resend = strict({ email: Text(320) })

/** `POST /auth/login`. @since 0.1.0 @category payloads */
export const Login = strict({
  email: Text(320),
  password: Text(1_024),
})

/** `POST /auth/refresh` and `POST /auth/logout`. @since 0.1.0 @category payloads */
export const RefreshToken = strict({ refreshToken: Text(1_024) })

/** `POST /auth/sso`: the host-signed JWT. @since 0.1.0 @category payloads */
export const Sso = strict({ token: Text(8_192) })

/** `POST /commenters/{id}/ban`. @since 0.1.0 @category payloads */
export const Ban = strict({
  kind: Schema.optional(BanKind),
  /** Omitted or null: until lifted. */
  durationSeconds: Optional(Schema.Int.pipe(Schema.positive())),
  reason: Optional(Text(500)),
})

/** `PUT /commenters/{id}/role`. @since 0.1.0 @category payloads */
export const SetRole = strict({
  role: Schema.Literal("owner", "admin", "moderator", "user"),
})

/** `PATCH /site`. @since 0.1.0 @category payloads */
export const SiteDetails = strict({
  name: Schema.optionalWith(Text(200), { exact: true }),
  allowedOrigins: Schema.optionalWith(Schema.Array(Text(2_048)).pipe(Schema.maxItems(100)), {
    exact: true,
  }),
})

/** `PATCH /site/settings`: any subset of the settings. @since 0.1.0 @category payloads */
export const SettingsPatch = Schema.partialWith(Schema.Struct(SiteSettingsFields), {
  exact: true,
}).annotations({
  parseOptions: { onExcessProperty: "error" },
})
