/**
 * The comments API (`/api/*`) for one site, as an account: the access token
 * as Bearer and the site in `X-Kommies-Site`. The account's role on the site
 * decides what answers; the rest is a 403.
 */
import { config, request, type Call } from "./client.js"
import type {
  Analytics,
  AuditEntry,
  Ban,
  Billing,
  CommenterHistory,
  CommentView,
  PublicCommenter,
  QueueKind,
  RotatedKey,
  SearchResults,
  SiteSettings,
  SiteView,
  UsageReport,
} from "./types.js"

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(key, String(value))
  const text = search.toString()
  return text === "" ? "" : `?${text}`
}

/** The calls for one site. */
export const siteApi = (siteId: string) => {
  const call = <A>(path: string, options: Call = {}) =>
    request<A>(`${config().apiBase}${path}`, {
      ...options,
      headers: { "x-kommies-site": siteId, ...options.headers },
    })
  const id = encodeURIComponent
  return {
    site: () => call<SiteView>("/site"),
    updateSite: (body: { name?: string; allowedOrigins?: ReadonlyArray<string> }) =>
      call<SiteView>("/site", { method: "PATCH", body }),
    updateSettings: (body: Partial<SiteSettings>) =>
      call<SiteView>("/site/settings", { method: "PATCH", body }),
    rotateKey: (which: "public" | "secret") =>
      call<RotatedKey>(`/site/keys/${which}/rotate`, { method: "POST" }),
    usage: () => call<UsageReport>("/site/usage"),
    analytics: (days: number) => call<Analytics>(`/site/analytics${query({ days })}`),
    audit: (before?: string) =>
      call<ReadonlyArray<AuditEntry>>(`/site/audit${query({ before, limit: 50 })}`),
    billing: () => call<Billing>("/site/billing"),
    queue: (kind: QueueKind, after?: string) =>
      call<ReadonlyArray<CommentView>>(`/moderation/queue${query({ kind, after, limit: 50 })}`),
    search: (q: string, cursor?: string) =>
      call<SearchResults>(`/moderation/search${query({ q, cursor, limit: 50 })}`),
    moderate: (commentId: string, verdict: "approve" | "reject" | "spam") =>
      call<CommentView>(`/comments/${id(commentId)}/${verdict}`, { method: "POST" }),
    history: (commenterId: string, before?: string) =>
      call<CommenterHistory>(
        `/commenters/${id(commenterId)}/comments${query({ before, limit: 50 })}`,
      ),
    ban: (
      commenterId: string,
      body: { kind: "normal" | "shadow"; durationSeconds: number | null; reason: string | null },
    ) => call<Ban>(`/commenters/${id(commenterId)}/ban`, { method: "POST", body }),
    unban: (commenterId: string) =>
      call<{ removed: boolean }>(`/commenters/${id(commenterId)}/ban`, { method: "DELETE" }),
    setRole: (commenterId: string, role: "admin" | "moderator" | "user") =>
      call<PublicCommenter>(`/commenters/${id(commenterId)}/role`, {
        method: "PUT",
        body: { role },
      }),
    lock: (key: string, locked: boolean) =>
      call<unknown>(`/threads/${id(key)}/lock`, { method: locked ? "POST" : "DELETE" }),
  }
}

export type SiteApi = ReturnType<typeof siteApi>
