/**
 * Migration 2: site teams. Memberships of accounts on sites they do not own
 * (the owner stays `sites.owner_account_id`), and pending invitations, found by
 * the SHA-256 of their emailed token. Same conventions as migration 1.
 */
import { SqlClient } from "@effect/sql/SqlClient"
import { Effect } from "effect"

const id = `text COLLATE "C"`

/** The DDL, one statement per entry. */
export const statements: ReadonlyArray<string> = [
  `CREATE TABLE team_members (
    added_at bigint NOT NULL,
    site_id ${id} NOT NULL REFERENCES sites (id),
    account_id ${id} NOT NULL,
    role text NOT NULL CHECK (role IN ('admin', 'moderator')),
    PRIMARY KEY (site_id, account_id)
  )`,
  // An account's memberships, for the dashboard's list of sites.
  `CREATE INDEX team_members_account ON team_members (account_id, added_at, site_id)`,

  `CREATE TABLE team_invitations (
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL REFERENCES sites (id),
    email text NOT NULL,
    role text NOT NULL CHECK (role IN ('admin', 'moderator')),
    token_hash text NOT NULL CONSTRAINT team_invitations_token_hash_key UNIQUE,
    invited_by ${id} NOT NULL
  )`,
  `CREATE INDEX team_invitations_site ON team_invitations (site_id, created_at, id)`,
]

/** Runs the statements in order (the Migrator wraps them in its transaction). */
export default Effect.flatMap(SqlClient, (sql) =>
  Effect.forEach(statements, (statement) => sql.unsafe(statement), { discard: true }),
)
