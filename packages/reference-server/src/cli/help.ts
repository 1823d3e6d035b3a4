/**
 * The CLI's help texts: one per command, and the overview.
 *
 * @since 0.1.0
 */

const env = `Settings come from environment variables (see the README): KOMMIES_MODE, PORT, HOST,
KOMMIES_PUBLIC_URL, KOMMIES_DATA_DIR, DATABASE_URL, DATABASE_SCHEMA, REDIS_URL,
KOMMIES_SECRET, KOMMIES_SITE_NAME, KOMMIES_ALLOWED_ORIGINS, SMTP_URL, KOMMIES_MAIL_FROM,
LOG_LEVEL, KOMMIES_TRUST_PROXY, STRIPE_* and KOMMIES_PLANS.`

const storeNote = `Works on the same database as the server: DATABASE_URL, or the embedded database in
KOMMIES_DATA_DIR (default ./.kommies; stop the server first: an embedded database
belongs to one process at a time).`

/** Help by command name. */
export const help: Record<string, string> = {
  overview: `kommies — the Kommies reference server

Usage: kommies <command> [options]

Commands:
  start         run the server (API, dashboard, embed.js, demo page)
  migrate       bring the database schema to the latest version, then exit
  create-site   create a site and print its public and secret keys
  promote       give a commenter a role on a site
  export        write a site's comments, commenters and threads as JSON
  import        read such a JSON document into a site

Run kommies <command> --help for a command's options.

${env}`,
  start: `Usage: kommies start [--port <n>] [--host <address>] [--mode standalone|saas]
                     [--public-url <url>] [--data-dir <folder>]

Runs the server until SIGTERM or SIGINT, then shuts down gracefully.
Flags override the matching variables (PORT, HOST, KOMMIES_MODE,
KOMMIES_PUBLIC_URL, KOMMIES_DATA_DIR).

${env}`,
  migrate: `Usage: kommies migrate [--data-dir <folder>]

Applies the missing database migrations and exits (the server also runs them on
start). Safe to run from several processes at once.

${storeNote}`,
  "create-site": `Usage: kommies create-site --name <name> [--origin <origin>]... [--owner <account email>]
                           [--data-dir <folder>]

Creates a site and prints its public key (kp_…, for embed.js) and its secret key
(ks_…, for servers; shown once). --origin may repeat: the origins allowed to embed
comments (https://blog.example.com). --owner gives the site to a dashboard account.

${storeNote}`,
  promote: `Usage: kommies promote --site <site id> --commenter <commenter id or email>
                       --role moderator|admin|user [--data-dir <folder>]

Gives a commenter a role on a site (user takes a role away). An email finds the
commenter who registered with it on that site.

${storeNote}`,
  export: `Usage: kommies export --site <site id> [--out <file>] [--data-dir <folder>]

Writes the site's commenters, threads, comments, votes and bans as one JSON
document, to the file or to standard output.

${storeNote}`,
  import: `Usage: kommies import --site <site id> --in <file> [--data-dir <folder>]

Reads a document made by kommies export into the site. Running it again after an
interruption writes only what is missing.

${storeNote}`,
}
