/** The dashboard API (`/dashboard/api/*`): accounts, sites, team, billing redirects. */
import type {
  ChallengeInfo,
  CreatedSite,
  InviteRequest,
  RedirectInfo,
  SessionInfo,
  SignUpRequest,
  SiteSummary,
  Team,
  TeamInvitation,
  TeamMember,
} from "../../../src/dashboard-api/contract.js"
import { DASHBOARD_API, request, setSession } from "./client.js"

const at = (path: string) => `${DASHBOARD_API}${path}`
const site = (siteId: string) => at(`/sites/${encodeURIComponent(siteId)}`)

const signedIn = async (pending: Promise<SessionInfo>) => {
  const session = await pending
  setSession(session)
  return session
}

export const signUp = (body: SignUpRequest) =>
  request<ChallengeInfo>(at("/signup"), { method: "POST", body })
export const verify = (challengeId: string, code: string) =>
  signedIn(request<SessionInfo>(at("/verify"), { method: "POST", body: { challengeId, code } }))
/** A fresh code for a sign-up; answers the challenge to verify with from now on. */
export const resendCode = (challengeId: string) =>
  request<ChallengeInfo>(at("/verify/resend"), { method: "POST", body: { challengeId } })
export const signIn = (email: string, password: string) =>
  signedIn(request<SessionInfo>(at("/login"), { method: "POST", body: { email, password } }))
export const requestReset = (email: string) =>
  request<ChallengeInfo>(at("/reset"), { method: "POST", body: { email } })
export const confirmReset = (challengeId: string, code: string, password: string) =>
  signedIn(
    request<SessionInfo>(at("/reset/confirm"), {
      method: "POST",
      body: { challengeId, code, password },
    }),
  )

export const listSites = async () =>
  (await request<{ sites: ReadonlyArray<SiteSummary> }>(at("/sites"))).sites
export const createSite = (name: string, allowedOrigins: ReadonlyArray<string>) =>
  request<CreatedSite>(at("/sites"), { method: "POST", body: { name, allowedOrigins } })

export const team = (siteId: string) => request<Team>(`${site(siteId)}/team`)
export const invite = (siteId: string, body: InviteRequest) =>
  request<{ invitation: TeamInvitation }>(`${site(siteId)}/team/invitations`, {
    method: "POST",
    body,
  })
export const revokeInvitation = (siteId: string, id: string) =>
  request<void>(`${site(siteId)}/team/invitations/${encodeURIComponent(id)}`, {
    method: "DELETE",
  })
export const setMemberRole = (siteId: string, accountId: string, role: TeamMember["role"]) =>
  request<TeamMember>(`${site(siteId)}/team/members/${encodeURIComponent(accountId)}`, {
    method: "PUT",
    body: { role },
  })
export const removeMember = (siteId: string, accountId: string) =>
  request<void>(`${site(siteId)}/team/members/${encodeURIComponent(accountId)}`, {
    method: "DELETE",
  })
/** The signed-in account leaves the site's team. */
export const leaveSite = (siteId: string) =>
  request<void>(`${site(siteId)}/team/leave`, { method: "POST" })
export const acceptInvitation = (token: string) =>
  request<{ site: SiteSummary }>(at("/invitations/accept"), { method: "POST", body: { token } })

export const checkout = (siteId: string, planId: string) =>
  request<RedirectInfo>(`${site(siteId)}/billing/checkout`, { method: "POST", body: { planId } })
export const portal = (siteId: string) =>
  request<RedirectInfo>(`${site(siteId)}/billing/portal`, { method: "POST" })
