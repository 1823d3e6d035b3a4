/**
 * The dashboard API's wire shapes: what `/dashboard/api/*` accepts and
 * returns. The server routes and the dashboard app both import these types,
 * so the two cannot drift apart.
 *
 * Auth: sign-in answers with a short-lived account access token in the body
 * (the dashboard keeps it in memory) and sets an HttpOnly refresh cookie
 * scoped to `/dashboard/api`. Every state-changing request that relies on a
 * cookie must carry `X-CSRF-Token` equal to the `kommies_csrf` cookie (set by
 * `GET /dashboard/api/config`) and a same-origin `Origin`.
 *
 * Site work (moderation, settings, keys, usage, analytics, audit, billing
 * overview, search) goes to the comments API at `/api/*` with
 * `Authorization: Bearer <accessToken>` and `X-Kommies-Site: <siteId>`; the
 * account's role on that site decides through the permissions table.
 *
 * Errors are `application/problem+json` with a stable `code`.
 *
 * @since 0.1.0
 */

/** `GET /dashboard/api/config`. @since 0.1.0 @category models */
export interface DashboardConfig {
  readonly mode: "standalone" | "saas"
  readonly billingEnabled: boolean
  /** Where the comments API is mounted (`/api`). */
  readonly apiBase: string
  /** This server's public URL, for install snippets. */
  readonly publicUrl: string
  /** Also set as the `kommies_csrf` cookie; send it back as `X-CSRF-Token`. */
  readonly csrfToken: string
  readonly version: string
}

/** @since 0.1.0 @category models */
export interface AccountInfo {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly verified: boolean
}

/**
 * Answer of verify, login, refresh and reset confirm (the refresh token is in
 * the HttpOnly cookie, never in the body).
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionInfo {
  readonly account: AccountInfo
  readonly accessToken: string
  /** Epoch milliseconds; refresh a little before. */
  readonly expiresAt: number
}

/** `POST /signup` body → `ChallengeInfo` (a code is emailed). @since 0.1.0 @category models */
export interface SignUpRequest {
  readonly email: string
  readonly password: string
  readonly name: string
}
/** @since 0.1.0 @category models */
export interface ChallengeInfo {
  readonly challengeId: string
}
/** `POST /verify` → `SessionInfo`. @since 0.1.0 @category models */
export interface VerifyRequest {
  readonly challengeId: string
  readonly code: string
}
/**
 * `POST /verify/resend` → `ChallengeInfo`: a fresh code goes to the address
 * the challenge was for (when it still waits for one); verify with the new
 * challenge, the old one stops working. Rate limited like verify.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResendVerificationRequest {
  readonly challengeId: string
}
/** `POST /login` → `SessionInfo`. @since 0.1.0 @category models */
export interface LoginRequest {
  readonly email: string
  readonly password: string
}
/** `POST /reset` → `ChallengeInfo`; `POST /reset/confirm` → `SessionInfo`. @since 0.1.0 @category models */
export interface ResetRequest {
  readonly email: string
}
/** @since 0.1.0 @category models */
export interface ResetConfirmRequest {
  readonly challengeId: string
  readonly code: string
  readonly password: string
}
// POST /refresh (cookie) → SessionInfo; POST /logout (cookie) → 204.

/** A site as the dashboard lists it. @since 0.1.0 @category models */
export interface SiteSummary {
  readonly id: string
  readonly name: string
  /** The caller's role on it: owner, admin or moderator. */
  readonly role: "owner" | "admin" | "moderator"
  readonly publicKey: string
  readonly allowedOrigins: ReadonlyArray<string>
  readonly createdAt: number
}
/** `GET /sites` → `{ sites: SiteSummary[] }`. `POST /sites` body. @since 0.1.0 @category models */
export interface CreateSiteRequest {
  readonly name: string
  readonly allowedOrigins?: ReadonlyArray<string>
}
/** `POST /sites` → the site and its secret key, shown this once. @since 0.1.0 @category models */
export interface CreatedSite {
  readonly site: SiteSummary
  readonly secretKey: string
}

/** @since 0.1.0 @category models */
export interface TeamMember {
  readonly accountId: string
  readonly email: string
  readonly name: string
  readonly role: "owner" | "admin" | "moderator"
  readonly addedAt: number
}
/** @since 0.1.0 @category models */
export interface TeamInvitation {
  readonly id: string
  readonly email: string
  readonly role: "admin" | "moderator"
  readonly createdAt: number
  readonly expiresAt: number
}
/** `GET /sites/:siteId/team`. @since 0.1.0 @category models */
export interface Team {
  readonly members: ReadonlyArray<TeamMember>
  readonly invitations: ReadonlyArray<TeamInvitation>
}
/**
 * `POST /sites/:siteId/team/invitations` → `{ invitation: TeamInvitation }`
 * (the invitee gets an email with a link holding the token);
 * `DELETE /sites/:siteId/team/invitations/:id` → 204;
 * `PUT /sites/:siteId/team/members/:accountId` body `{ role }` → `TeamMember`;
 * `DELETE /sites/:siteId/team/members/:accountId` → 204;
 * `POST /sites/:siteId/team/leave` → 204 (the caller leaves the team; the
 * owner cannot, and gets 403 `owner_immutable`).
 *
 * @since 0.1.0
 * @category models
 */
export interface InviteRequest {
  readonly email: string
  readonly role: "admin" | "moderator"
}
/** `POST /invitations/accept` (signed in) → `{ site: SiteSummary }`. @since 0.1.0 @category models */
export interface AcceptInvitationRequest {
  readonly token: string
}

/** `POST /sites/:siteId/billing/checkout` body → `RedirectInfo`. @since 0.1.0 @category models */
export interface CheckoutRequest {
  readonly planId: string
}
/** Checkout and `POST /sites/:siteId/billing/portal` answer: where to send the browser. @since 0.1.0 @category models */
export interface RedirectInfo {
  readonly url: string
}
// GET /sites/:siteId/export → the site's export (JSON download, owner and admin).

/**
 * Every error answer (`application/problem+json`). Switch on `code`; `field`
 * names the offending body field (`email`, `allowedOrigins.0`) when a body
 * fails validation; `retryAfter` (seconds, also the `Retry-After` header)
 * comes with `rate_limited`.
 *
 * @since 0.1.0
 * @category models
 */
export interface DashboardProblem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly field?: string
  readonly retryAfter?: number
}

/** `PUT /sites/:siteId/team/members/:accountId` body → `TeamMember`. @since 0.1.0 @category models */
export interface SetMemberRoleRequest {
  readonly role: "admin" | "moderator"
}
