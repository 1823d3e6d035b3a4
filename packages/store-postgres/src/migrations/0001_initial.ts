/**
 * Migration 1: every table of the Kommies stores.
 *
 * Conventions: ids are `text COLLATE "C"` (byte order, which is the order
 * UUIDv7 strings sort in JavaScript); times are epoch milliseconds in `bigint`;
 * columns are ordered widest first to keep rows free of padding. Foreign keys
 * hold the tree together (sites, threads, comments and their parents, votes on
 * comments), where the ports expect the referenced row to exist; references the
 * memory store accepts dangling (authors, voters, reporters) are plain columns. Comment pages
 * are read through partial indexes per (thread, parent) and sort, so reading a
 * page costs the page, whatever the size of the thread.
 */
import { SqlClient } from "@effect/sql/SqlClient"
import { Effect } from "effect"

const id = `text COLLATE "C"`

/** The DDL, one statement per entry. */
export const statements: ReadonlyArray<string> = [
  `CREATE TABLE sites (
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    id ${id} PRIMARY KEY,
    name text NOT NULL,
    owner_account_id ${id},
    allowed_origins jsonb NOT NULL,
    public_key ${id} NOT NULL CONSTRAINT sites_public_key_key UNIQUE,
    secret_key_id ${id} NOT NULL CONSTRAINT sites_secret_key_id_key UNIQUE,
    secret_key_hash text NOT NULL,
    settings jsonb NOT NULL,
    plan_id text NOT NULL
  )`,
  `CREATE INDEX sites_owner ON sites (owner_account_id, created_at, id)
    WHERE owner_account_id IS NOT NULL`,

  `CREATE TABLE accounts (
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    verified boolean NOT NULL,
    id ${id} PRIMARY KEY,
    email text NOT NULL,
    name text NOT NULL,
    password_hash text
  )`,
  `CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email))`,

  `CREATE TABLE commenters (
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    karma integer NOT NULL,
    email_verified boolean NOT NULL,
    trusted boolean NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL REFERENCES sites (id),
    display_name text NOT NULL,
    avatar_url text,
    email text,
    origin text NOT NULL,
    external_id text,
    password_hash text,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'moderator', 'user', 'anonymous'))
  )`,
  `CREATE UNIQUE INDEX commenters_email_key ON commenters (site_id, lower(email))
    WHERE origin = 'password' AND email IS NOT NULL`,
  `CREATE UNIQUE INDEX commenters_external_key ON commenters (site_id, origin, external_id)
    WHERE external_id IS NOT NULL`,
  `CREATE INDEX commenters_karma ON commenters (site_id, karma DESC, id DESC)`,
  `CREATE INDEX commenters_staff ON commenters (site_id, id)
    WHERE role IN ('owner', 'admin', 'moderator')`,

  `CREATE TABLE threads (
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    comment_count integer NOT NULL,
    locked boolean NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL REFERENCES sites (id),
    key ${id} NOT NULL,
    url text,
    title text,
    CONSTRAINT threads_site_key UNIQUE (site_id, key)
  )`,
  `CREATE INDEX threads_top ON threads (site_id, comment_count DESC, created_at DESC, id DESC)`,

  `CREATE TABLE comments (
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    edited_at bigint,
    hot double precision NOT NULL,
    best double precision NOT NULL,
    upvotes integer NOT NULL,
    downvotes integer NOT NULL,
    score integer NOT NULL,
    reply_count integer NOT NULL,
    report_count integer NOT NULL,
    version integer NOT NULL,
    depth integer NOT NULL,
    shadowed boolean NOT NULL,
    visible boolean NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL,
    thread_id ${id} NOT NULL REFERENCES threads (id),
    parent_id ${id} REFERENCES comments (id),
    author_id ${id} NOT NULL,
    status text NOT NULL
      CHECK (status IN ('pending', 'approved', 'rejected', 'spam', 'deleted')),
    body text NOT NULL,
    html text NOT NULL
  ) WITH (fillfactor = 90)`,
  // Public pages: one index per order, visible comments only. The parent is
  // keyed as coalesce(parent_id, ''): an equality (unlike IS NULL) lets the
  // planner read the index in sort order for the top level too.
  `CREATE INDEX comments_new ON comments (thread_id, (coalesce(parent_id, '')), id)
    WHERE visible`,
  `CREATE INDEX comments_top ON comments (thread_id, (coalesce(parent_id, '')), score, id)
    WHERE visible`,
  `CREATE INDEX comments_hot ON comments (thread_id, (coalesce(parent_id, '')), hot, id)
    WHERE visible`,
  `CREATE INDEX comments_best ON comments (thread_id, (coalesce(parent_id, '')), best, id)
    WHERE visible`,
  // The few hidden comments a viewer (their own) or a moderator (all) adds to a page.
  `CREATE INDEX comments_hidden
    ON comments (thread_id, (coalesce(parent_id, '')), author_id, id)
    WHERE NOT visible AND status <> 'deleted'`,
  `CREATE INDEX comments_site ON comments (site_id, id)`,
  `CREATE INDEX comments_author ON comments (site_id, author_id, id)`,
  `CREATE INDEX comments_status ON comments (site_id, status, id) WHERE status <> 'approved'`,
  `CREATE INDEX comments_reported ON comments (site_id, id)
    WHERE status = 'approved' AND report_count > 0`,

  `CREATE TABLE votes (
    at bigint NOT NULL,
    comment_id ${id} NOT NULL REFERENCES comments (id),
    voter_id ${id} NOT NULL,
    site_id ${id} NOT NULL,
    direction text NOT NULL CHECK (direction IN ('up', 'down')),
    PRIMARY KEY (comment_id, voter_id)
  )`,

  `CREATE TABLE sessions (
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    rotated_at bigint,
    revoked_at bigint,
    id ${id} PRIMARY KEY,
    family_id ${id} NOT NULL,
    site_id ${id},
    subject ${id} NOT NULL,
    token_hash text NOT NULL
  )`,
  `CREATE INDEX sessions_family ON sessions (family_id)`,
  `CREATE INDEX sessions_subject ON sessions (subject)`,
  `CREATE TABLE challenges (
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    consumed_at bigint,
    attempts integer NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id},
    email text NOT NULL,
    purpose text NOT NULL,
    code_hash text NOT NULL
  )`,

  `CREATE TABLE reports (
    created_at bigint NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL,
    comment_id ${id} NOT NULL,
    reporter_id ${id} NOT NULL,
    reason text NOT NULL,
    note text,
    CONSTRAINT reports_once UNIQUE (comment_id, reporter_id)
  )`,
  `CREATE TABLE bans (
    created_at bigint NOT NULL,
    expires_at bigint,
    site_id ${id} NOT NULL,
    commenter_id ${id} NOT NULL,
    kind text NOT NULL CHECK (kind IN ('normal', 'shadow')),
    reason text,
    created_by text NOT NULL,
    PRIMARY KEY (site_id, commenter_id)
  )`,
  `CREATE TABLE audit_entries (
    created_at bigint NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    target text NOT NULL,
    details jsonb NOT NULL
  )`,
  `CREATE INDEX audit_entries_site ON audit_entries (site_id, id)`,

  `CREATE TABLE usage_months (
    comments bigint NOT NULL DEFAULT 0,
    thread_loads bigint NOT NULL DEFAULT 0,
    active_commenters bigint NOT NULL DEFAULT 0,
    api_calls bigint NOT NULL DEFAULT 0,
    site_id ${id} NOT NULL,
    month ${id} NOT NULL,
    PRIMARY KEY (site_id, month)
  )`,
  `CREATE TABLE usage_active (
    site_id ${id} NOT NULL,
    month ${id} NOT NULL,
    commenter_id ${id} NOT NULL,
    PRIMARY KEY (site_id, month, commenter_id)
  )`,
  `CREATE TABLE usage_daily (
    value bigint NOT NULL,
    site_id ${id} NOT NULL,
    day ${id} NOT NULL,
    counter ${id} NOT NULL,
    PRIMARY KEY (site_id, day, counter)
  )`,

  `CREATE TABLE subscriptions (
    current_period_end bigint,
    last_event_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    cancel_at_period_end boolean NOT NULL,
    site_id ${id} PRIMARY KEY,
    plan_id text NOT NULL,
    status text NOT NULL,
    customer_id text,
    subscription_id text
  )`,
  `CREATE TABLE invoices (
    created_at bigint NOT NULL,
    period_start bigint,
    period_end bigint,
    amount_cents bigint NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL,
    currency text NOT NULL,
    status text NOT NULL,
    hosted_url text
  )`,
  `CREATE INDEX invoices_site ON invoices (site_id, created_at, id)`,
  `CREATE TABLE payment_events (
    processed_at bigint NOT NULL,
    event_id ${id} PRIMARY KEY
  )`,

  `CREATE TABLE notifications (
    created_at bigint NOT NULL,
    read boolean NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL,
    recipient_id ${id} NOT NULL,
    kind text NOT NULL,
    comment_id ${id} NOT NULL,
    thread_id ${id} NOT NULL,
    actor_id ${id} NOT NULL
  )`,
  `CREATE INDEX notifications_inbox ON notifications (site_id, recipient_id, id)`,
  `CREATE TABLE notification_inboxes (
    unread integer NOT NULL,
    site_id ${id} NOT NULL,
    recipient_id ${id} NOT NULL,
    PRIMARY KEY (site_id, recipient_id)
  )`,
  `CREATE TABLE outbox_emails (
    next_attempt_at bigint NOT NULL,
    sent_at bigint,
    created_at bigint NOT NULL,
    attempts integer NOT NULL,
    id ${id} PRIMARY KEY,
    recipient text NOT NULL,
    subject text NOT NULL,
    text text NOT NULL
  )`,
  `CREATE INDEX outbox_emails_unsent ON outbox_emails (created_at, id) WHERE sent_at IS NULL`,

  `CREATE TABLE webhook_endpoints (
    created_at bigint NOT NULL,
    active boolean NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL,
    url text NOT NULL,
    secret text NOT NULL,
    events jsonb NOT NULL
  )`,
  `CREATE INDEX webhook_endpoints_site ON webhook_endpoints (site_id, created_at, id)`,
  `CREATE TABLE webhook_deliveries (
    next_attempt_at bigint NOT NULL,
    created_at bigint NOT NULL,
    attempts integer NOT NULL,
    id ${id} PRIMARY KEY,
    site_id ${id} NOT NULL,
    endpoint_id ${id} NOT NULL,
    event_id text NOT NULL,
    event_type text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    last_error text,
    payload text NOT NULL
  )`,
  `CREATE INDEX webhook_deliveries_endpoint
    ON webhook_deliveries (endpoint_id, site_id, created_at, id)`,
  `CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (created_at, id)
    WHERE status = 'pending'`,

  // The event log: one counter row per thread hands out 1, 2, 3… without gaps.
  `CREATE TABLE event_heads (
    last_seq bigint NOT NULL,
    site_id ${id} NOT NULL,
    thread_id ${id} NOT NULL,
    PRIMARY KEY (site_id, thread_id)
  )`,
  `CREATE TABLE events (
    seq bigint NOT NULL,
    created_at bigint NOT NULL,
    site_id ${id} NOT NULL,
    thread_id ${id} NOT NULL,
    id text NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    PRIMARY KEY (site_id, thread_id, seq)
  )`,
  // EventBus payloads too large for NOTIFY (8000 bytes) travel through here.
  `CREATE TABLE bus_payloads (
    created_at timestamptz NOT NULL DEFAULT now(),
    id ${id} PRIMARY KEY,
    payload text NOT NULL
  )`,
]

/** Runs the statements in order (the Migrator wraps them in its transaction). */
export default Effect.flatMap(SqlClient, (sql) =>
  Effect.forEach(statements, (statement) => sql.unsafe(statement), { discard: true }),
)
