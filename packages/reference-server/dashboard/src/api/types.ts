/**
 * The comments API's wire shapes as the dashboard reads them: the encoded side
 * of core's response schemas, so a change there is a type error here.
 */
import type { Responses } from "@kommies/core/http"
import type { Schema } from "effect"

type Wire<S extends Schema.Schema.Any> = Schema.Schema.Encoded<S>

export type SiteView = Wire<typeof Responses.SiteView>
export type SiteSettings = SiteView["settings"]
export type CommentView = Wire<typeof Responses.CommentView>
export type SearchResults = Wire<typeof Responses.SearchResults>
export type CommenterHistory = Wire<typeof Responses.CommenterHistory>
export type CurrentBan = NonNullable<CommenterHistory["ban"]>
export type PublicCommenter = Wire<typeof Responses.PublicCommenter>
export type Ban = Wire<typeof Responses.Ban>
export type RotatedKey = Wire<typeof Responses.RotatedKey>
export type UsageReport = Wire<typeof Responses.UsageReport>
export type MetricReport = Wire<typeof Responses.MetricReport>
export type Analytics = Wire<typeof Responses.Analytics>
export type AuditEntry = Wire<typeof Responses.AuditEntry>
export type Billing = Wire<typeof Responses.Billing>
export type Plan = Billing["plan"]

/** The account's role on a site, as the dashboard lists it. */
export type SiteRole = "owner" | "admin" | "moderator"
/** What the moderation queue can show. */
export type QueueKind = "pending" | "reported" | "spam" | "rejected"
