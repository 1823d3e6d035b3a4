/**
 * What each role on a site may open in the dashboard: the rows of core's
 * permissions table that the screens stand on (`site.read`, `site.keys`,
 * `billing.manage`, …). The server still decides; this only hides what would
 * answer 403.
 */
import type { SiteRole } from "./api/types.js"

export type Screen =
  | "install"
  | "moderation"
  | "search"
  | "analytics"
  | "usage"
  | "billing"
  | "team"
  | "audit"
  | "settings"
  | "keys"

const allowed: Readonly<Record<Screen, ReadonlyArray<SiteRole>>> = {
  install: ["owner", "admin", "moderator"],
  moderation: ["owner", "admin", "moderator"],
  search: ["owner", "admin", "moderator"],
  analytics: ["owner", "admin"],
  usage: ["owner", "admin"],
  billing: ["owner"],
  // Moderators see only how to leave the team.
  team: ["owner", "admin", "moderator"],
  audit: ["owner", "admin"],
  settings: ["owner", "admin"],
  keys: ["owner"],
}

export const canOpen = (role: SiteRole, screen: Screen) => allowed[screen].includes(role)

/** Giving commenters roles: admins and owners (`commenter.setRole`). */
export const canSetRoles = (role: SiteRole) => role === "owner" || role === "admin"

/** The screens in menu order, with their labels. */
export const screens: ReadonlyArray<{ readonly id: Screen; readonly label: string }> = [
  { id: "moderation", label: "Moderation" },
  { id: "search", label: "Search" },
  { id: "analytics", label: "Analytics" },
  { id: "usage", label: "Usage" },
  { id: "install", label: "Install" },
  { id: "settings", label: "Settings" },
  { id: "team", label: "Team" },
  { id: "keys", label: "Keys" },
  { id: "billing", label: "Billing" },
  { id: "audit", label: "Audit log" },
]

export const isScreen = (value: string | undefined): value is Screen =>
  value !== undefined && value in allowed
