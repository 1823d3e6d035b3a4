/**
 * The Kommies HTTP API, defined once: routes, parameters, bodies, answers and
 * errors. The handlers, the OpenAPI document and the docs page all come from
 * this definition.
 *
 * @since 0.1.0
 */
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authenticate, SiteOnly } from "./Caller.js"
import { Problem } from "./Problem.js"
import * as Rq from "./Requests.js"
import * as Rs from "./Responses.js"

const summary = OpenApi.Summary
const NoContent = HttpApiSchema.NoContent
const EventStream = Schema.String.pipe(
  HttpApiSchema.withEncoding({ kind: "Text", contentType: "text/event-stream" }),
).annotations({ description: "Server-Sent Events: `id` = thread sequence, `event` = type" })

/**
 * Widget routes: reading and writing comments, realtime, notifications.
 *
 * @since 0.1.0
 * @category groups
 */
export class CommentsGroup extends HttpApiGroup.make("comments")
  .add(
    HttpApiEndpoint.get("listThread", "/threads/:key/comments")
      .setPath(Rq.ThreadPath)
      .setUrlParams(Rq.ThreadQuery)
      .addSuccess(Rs.Page)
      .annotate(summary, "A page of a thread's comments, with the first replies of each"),
  )
  .add(
    HttpApiEndpoint.post("createComment", "/threads/:key/comments")
      .setPath(Rq.ThreadPath)
      .setPayload(Rq.CreateComment)
      .addSuccess(Rs.CommentView, { status: 201 })
      .annotate(summary, "Post a comment or a reply"),
  )
  .add(
    HttpApiEndpoint.get("threadEvents", "/threads/:key/events")
      .setPath(Rq.ThreadPath)
      .setUrlParams(Rq.EventsQuery)
      .setHeaders(Rq.EventsHeaders)
      .addSuccess(EventStream)
      .annotate(summary, "The thread's events as Server-Sent Events; resumes after Last-Event-ID"),
  )
  .add(
    HttpApiEndpoint.get("getComment", "/comments/:id")
      .setPath(Rq.CommentPath)
      .addSuccess(Rs.CommentView)
      .annotate(summary, "One comment"),
  )
  .add(
    HttpApiEndpoint.get("listReplies", "/comments/:id/replies")
      .setPath(Rq.CommentPath)
      .setUrlParams(Rq.RepliesQuery)
      .addSuccess(Rs.Page)
      .annotate(summary, "A page of a comment's direct replies"),
  )
  .add(
    HttpApiEndpoint.patch("editComment", "/comments/:id")
      .setPath(Rq.CommentPath)
      .setPayload(Rq.EditComment)
      .addSuccess(Rs.CommentView)
      .annotate(summary, "Edit your comment within the site's edit window"),
  )
  .add(
    HttpApiEndpoint.del("deleteComment", "/comments/:id")
      .setPath(Rq.CommentPath)
      .addSuccess(NoContent)
      .annotate(summary, "Delete a comment (yours, or any as a moderator)"),
  )
  .add(
    HttpApiEndpoint.post("vote", "/comments/:id/vote")
      .setPath(Rq.CommentPath)
      .setPayload(Rq.Vote)
      .addSuccess(Rs.VoteResult)
      .annotate(summary, "Vote up or down; the same again takes it back"),
  )
  .add(
    HttpApiEndpoint.post("report", "/comments/:id/report")
      .setPath(Rq.CommentPath)
      .setPayload(Rq.Report)
      .addSuccess(Rs.ReportResult)
      .annotate(summary, "Report a comment to the moderators"),
  )
  .add(
    HttpApiEndpoint.get("counts", "/counts")
      .setUrlParams(Rq.CountsQuery)
      .addSuccess(Rs.Counts)
      .annotate(summary, "Comment counts of many threads (`?threads=a,b`)"),
  )
  .add(
    HttpApiEndpoint.post("preview", "/preview")
      .setPayload(Rq.Preview)
      .addSuccess(Rs.Html)
      .annotate(summary, "Render Markdown as a comment would be"),
  )
  .add(
    HttpApiEndpoint.get("notifications", "/notifications")
      .setUrlParams(Rq.BeforeQuery)
      .addSuccess(Rs.Notifications)
      .annotate(summary, "Your notifications, newest first"),
  )
  .add(
    HttpApiEndpoint.post("markRead", "/notifications/read")
      .setPayload(Rq.MarkRead)
      .addSuccess(NoContent)
      .annotate(summary, "Mark notifications read (all when `ids` is omitted)"),
  )
  .middleware(Authenticate) {}

/**
 * Commenter sign-in: guests, email + password with a code, SSO, sessions.
 *
 * @since 0.1.0
 * @category groups
 */
export class AuthGroup extends HttpApiGroup.make("auth")
  .add(
    HttpApiEndpoint.post("guest", "/auth/guest")
      .setPayload(Rq.Guest)
      .addSuccess(Rs.SignedIn)
      .middleware(SiteOnly)
      .annotate(summary, "Sign in as a guest (when the site allows guests)"),
  )
  .add(
    HttpApiEndpoint.post("register", "/auth/register")
      .setPayload(Rq.Register)
      .addSuccess(Rs.Registered, { status: 202 })
      .middleware(SiteOnly)
      .annotate(summary, "Register with email and password; a 6-digit code is emailed"),
  )
  .add(
    HttpApiEndpoint.post("verify", "/auth/verify")
      .setPayload(Rq.Verify)
      .addSuccess(Rs.SignedIn)
      .middleware(SiteOnly)
      .annotate(summary, "Confirm the emailed code and sign in"),
  )
  .add(
    HttpApiEndpoint.post("resend", "/auth/resend")
      .setPayload(Rq.Resend)
      .addSuccess(Rs.Challenge, { status: 202 })
      .middleware(SiteOnly)
      .annotate(summary, "Send a fresh code to an unverified email"),
  )
  .add(
    HttpApiEndpoint.post("login", "/auth/login")
      .setPayload(Rq.Login)
      .addSuccess(Rs.SignedIn)
      .middleware(SiteOnly)
      .annotate(summary, "Sign in with email and password"),
  )
  .add(
    HttpApiEndpoint.post("refresh", "/auth/refresh")
      .setPayload(Rq.RefreshToken)
      .addSuccess(Rs.SignedIn)
      .middleware(SiteOnly)
      .annotate(summary, "Rotate the refresh token: a new access token and refresh token"),
  )
  .add(
    HttpApiEndpoint.post("logout", "/auth/logout")
      .setPayload(Rq.RefreshToken)
      .addSuccess(NoContent)
      .middleware(SiteOnly)
      .annotate(summary, "Sign out this device (revokes the refresh token's family)"),
  )
  .add(
    HttpApiEndpoint.post("sso", "/auth/sso")
      .setPayload(Rq.Sso)
      .addSuccess(Rs.SignedIn)
      .middleware(SiteOnly)
      .annotate(summary, "Exchange a host-signed JWT for a session"),
  )
  .add(
    HttpApiEndpoint.get("oauth", "/auth/oauth/:provider")
      .setPath(Schema.Struct({ provider: Schema.String }))
      .setUrlParams(Schema.Struct({ returnTo: Schema.String, key: Schema.optional(Schema.String) }))
      .addSuccess(HttpApiSchema.Empty(302))
      .middleware(SiteOnly)
      .annotate(
        summary,
        "Sign in with an OAuth/OIDC provider: redirects to it, and back to `returnTo` with " +
          "`#kommies_session=<base64url JSON of the session>`",
      ),
  )
  .add(
    HttpApiEndpoint.get("oauthCallback", "/auth/oauth/:provider/callback")
      .setPath(Schema.Struct({ provider: Schema.String }))
      .setUrlParams(
        Schema.Struct({
          code: Schema.optional(Schema.String),
          state: Schema.optional(Schema.String),
          error: Schema.optional(Schema.String),
        }),
      )
      .addSuccess(HttpApiSchema.Empty(302))
      .annotate(summary, "Where the OAuth provider sends the commenter back"),
  )
  .add(
    HttpApiEndpoint.get("me", "/auth/me")
      .addSuccess(Rs.Me)
      .middleware(Authenticate)
      .annotate(summary, "The signed-in commenter's own profile"),
  ) {}

/**
 * Moderation: moderators and above.
 *
 * @since 0.1.0
 * @category groups
 */
export class ModerationGroup extends HttpApiGroup.make("moderation")
  .add(
    HttpApiEndpoint.get("queue", "/moderation/queue")
      .setUrlParams(Rq.QueueQuery)
      .addSuccess(Rs.Comments)
      .annotate(summary, "The moderation queue, oldest first"),
  )
  .add(
    HttpApiEndpoint.get("search", "/moderation/search")
      .setUrlParams(Rq.SearchQuery)
      .addSuccess(Rs.SearchResults)
      .annotate(summary, "Search the site's comments by words of the body or the author's name"),
  )
  .add(
    HttpApiEndpoint.post("approve", "/comments/:id/approve")
      .setPath(Rq.CommentPath)
      .addSuccess(Rs.CommentView)
      .annotate(summary, "Publish a comment"),
  )
  .add(
    HttpApiEndpoint.post("reject", "/comments/:id/reject")
      .setPath(Rq.CommentPath)
      .addSuccess(Rs.CommentView)
      .annotate(summary, "Reject a comment"),
  )
  .add(
    HttpApiEndpoint.post("spam", "/comments/:id/spam")
      .setPath(Rq.CommentPath)
      .addSuccess(Rs.CommentView)
      .annotate(summary, "Mark a comment as spam"),
  )
  .add(
    HttpApiEndpoint.post("ban", "/commenters/:id/ban")
      .setPath(Rq.CommenterPath)
      .setPayload(Rq.Ban)
      .addSuccess(Rs.Ban)
      .annotate(summary, "Ban a commenter (normal or shadow, optionally for a time)"),
  )
  .add(
    HttpApiEndpoint.del("unban", "/commenters/:id/ban")
      .setPath(Rq.CommenterPath)
      .addSuccess(Rs.Unbanned)
      .annotate(summary, "Lift a ban"),
  )
  .add(
    HttpApiEndpoint.put("setRole", "/commenters/:id/role")
      .setPath(Rq.CommenterPath)
      .setPayload(Rq.SetRole)
      .addSuccess(Rs.PublicCommenter)
      .annotate(summary, "Give a commenter a role (admins and owners)"),
  )
  .add(
    HttpApiEndpoint.get("history", "/commenters/:id/comments")
      .setPath(Rq.CommenterPath)
      .setUrlParams(Rq.BeforeQuery)
      .addSuccess(Rs.CommenterHistory)
      .annotate(summary, "A commenter's comments, newest first, with their role and ban in force"),
  )
  .add(
    HttpApiEndpoint.post("lock", "/threads/:key/lock")
      .setPath(Rq.ThreadPath)
      .addSuccess(Rs.Thread)
      .annotate(summary, "Lock a thread (read-only)"),
  )
  .add(
    HttpApiEndpoint.del("unlock", "/threads/:key/lock")
      .setPath(Rq.ThreadPath)
      .addSuccess(Rs.Thread)
      .annotate(summary, "Unlock a thread"),
  )
  .middleware(Authenticate) {}

/**
 * The site's owners: the secret key (`Authorization: Bearer ks_…`) or a
 * commenter holding the role.
 *
 * @since 0.1.0
 * @category groups
 */
export class OwnerGroup extends HttpApiGroup.make("owner")
  .add(
    HttpApiEndpoint.get("getSite", "/site").addSuccess(Rs.SiteView).annotate(summary, "The site"),
  )
  .add(
    HttpApiEndpoint.patch("updateSite", "/site")
      .setPayload(Rq.SiteDetails)
      .addSuccess(Rs.SiteView)
      .annotate(summary, "Change the name and allowed origins"),
  )
  .add(
    HttpApiEndpoint.patch("updateSettings", "/site/settings")
      .setPayload(Rq.SettingsPatch)
      .addSuccess(Rs.SiteView)
      .annotate(summary, "Change settings (moderation, guests, limits…)"),
  )
  .add(
    HttpApiEndpoint.post("rotateKey", "/site/keys/:which/rotate")
      .setPath(Rq.KeyPath)
      .addSuccess(Rs.RotatedKey)
      .annotate(summary, "Replace the public or secret key; the old one stops working"),
  )
  .add(
    HttpApiEndpoint.get("usage", "/site/usage")
      .setUrlParams(Rq.UsageQuery)
      .addSuccess(Rs.UsageReport)
      .annotate(summary, "This month's usage against the plan"),
  )
  .add(
    HttpApiEndpoint.get("analytics", "/site/analytics")
      .setUrlParams(Rq.AnalyticsQuery)
      .addSuccess(Rs.Analytics)
      .annotate(summary, "Comments per day, top threads, top commenters"),
  )
  .add(
    HttpApiEndpoint.get("audit", "/site/audit")
      .setUrlParams(Rq.BeforeQuery)
      .addSuccess(Rs.Audit)
      .annotate(summary, "The audit log, newest first"),
  )
  .add(
    HttpApiEndpoint.get("billing", "/site/billing")
      .addSuccess(Rs.Billing)
      .annotate(summary, "Plan, subscription and invoices"),
  )
  .middleware(Authenticate) {}

/**
 * Operations: liveness, readiness, the OpenAPI document and the docs page.
 *
 * @since 0.1.0
 * @category groups
 */
export class OpsGroup extends HttpApiGroup.make("ops")
  .add(HttpApiEndpoint.get("health", "/health").addSuccess(Rs.Health).annotate(summary, "Liveness"))
  .add(
    HttpApiEndpoint.get("ready", "/ready")
      .addSuccess(Rs.Ready)
      .annotate(summary, "Readiness: the stores answer"),
  )
  .add(
    HttpApiEndpoint.get("openapi", "/openapi.json")
      .addSuccess(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
      .annotate(summary, "This API as OpenAPI 3.1"),
  )
  .add(
    HttpApiEndpoint.get("docs", "/docs")
      .addSuccess(
        Schema.String.pipe(HttpApiSchema.withEncoding({ kind: "Text", contentType: "text/html" })),
      )
      .annotate(summary, "This page: every route, readable"),
  ) {}

const problem = Problem.pipe(
  HttpApiSchema.withEncoding({ kind: "Json", contentType: "application/problem+json" }),
)

/**
 * The whole API. Errors of every route are `application/problem+json`.
 *
 * @since 0.1.0
 * @category api
 * @example
 * import { OpenApi } from "@effect/platform"
 * import { KommiesApi } from "@kommies/core/http"
 *
 * const spec = OpenApi.fromApi(KommiesApi)
 */
export class KommiesApi extends HttpApi.make("kommies")
  .add(CommentsGroup)
  .add(AuthGroup)
  .add(ModerationGroup)
  .add(OwnerGroup)
  .add(OpsGroup)
  .addError(problem, { status: 400 })
  .addError(problem, { status: 401 })
  .addError(problem, { status: 402 })
  .addError(problem, { status: 403 })
  .addError(problem, { status: 404 })
  .addError(problem, { status: 409 })
  .addError(problem, { status: 413 })
  .addError(problem, { status: 415 })
  .addError(problem, { status: 422 })
  .addError(problem, { status: 429 })
  .addError(problem, { status: 502 })
  .addError(problem, { status: 503 })
  .annotate(OpenApi.Title, "Kommies API")
  .annotate(OpenApi.Version, "0.1.0")
  .annotate(
    OpenApi.Description,
    "Comments for websites. Site routes need the site's public key (`X-Kommies-Key: kp_…` or `?key=`) " +
      "or its secret key (`Authorization: Bearer ks_…`, acting as owner); commenters add " +
      "`Authorization: Bearer <access token>`. A dashboard account acts on a site it owns or is on the team of " +
      "with `Authorization: Bearer <account access token>` and `X-Kommies-Site: <site id>`, with its role there. " +
      "Errors are application/problem+json with a stable `code`.",
  ) {}
