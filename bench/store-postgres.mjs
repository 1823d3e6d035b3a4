// Benchmark of @kommies/store-postgres: does a page cost the same at 1,000 and
// at 1,000,000 comments?
//
//   npm run build -w packages/core -w packages/store-postgres
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/store-postgres.mjs
//
// Makes two fresh databases on the server (dropped at the end unless --keep):
// "1k" (10 threads: one of 500, 9 sharing 500) and "1M" (1,000 threads: one of
// 100,000, 999 sharing 900,000), seeded in bulk with INSERT … SELECT generate_series
// (secondary indexes dropped during the load and rebuilt after, exactly as the
// migration defines them). One comment in five is a reply, one in thirty-three
// is hidden (pending). Then it times, through the store ports as an app calls
// them, one operation at a time: the first and a deep page (90% of the way
// down, or the last full page) of the big thread in two sorts, 50 comments each, posting a comment, and voting (swap +
// ranks). It prints p50/p99 for both databases, the ratio 1M/1k, and the bytes
// on disk per comment. Not part of `npm test`.
import { performance } from "node:perf_hooks"
import { CommentStore, Ranking, VoteStore } from "@kommies/core"
import { PgStore } from "@kommies/store-postgres"
import { Effect, ManagedRuntime } from "effect"
import pg from "pg"

const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"
const keep = process.argv.includes("--keep")
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300)
const warmup = 100
const pageSize = 50
const schema = "kommies"
const base = 1_700_000_000_000

const urlOf = (name) => {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

const admin = async (statement) => {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

// A UUIDv7 from a millisecond time and a seed, as SQL: time-ordered like core's ids.
const uuidv7 = (ms, seed) => `(
  substr(lpad(to_hex(${ms}), 12, '0'), 1, 8) || '-' || substr(lpad(to_hex(${ms}), 12, '0'), 9, 4)
  || '-7' || substr(md5((${seed})::text), 1, 3) || '-8' || substr(md5((${seed})::text), 4, 3)
  || '-' || substr(md5((${seed})::text), 7, 12))`

/**
 * Seeds `total` comments: thread 1 holds `big`, the other `threads - 1` share
 * the rest round-robin. Comment g is made at base + g ms.
 */
const seed = async (client, { total, big, threads }) => {
  const t0 = performance.now()
  const others = threads - 1
  await client.query(`SET search_path TO ${schema}`)
  await client.query(`INSERT INTO sites (id, name, owner_account_id, allowed_origins, public_key,
    secret_key_id, secret_key_hash, settings, plan_id, created_at, updated_at)
    VALUES ('bench-site', 'Bench', NULL, '[]', 'kp_bench', 'ks_bench', 'x', '{}', 'unlimited', ${base}, ${base})`)
  await client.query(`INSERT INTO commenters (id, site_id, display_name, avatar_url, email,
      email_verified, origin, external_id, password_hash, role, karma, trusted, created_at, updated_at)
    SELECT ${uuidv7(`${base} - 10000000 + g`, "'c' || g")}, 'bench-site', 'Reader ' || g, NULL, NULL,
      false, 'guest', NULL, NULL, 'user', 0, true, ${base}, ${base}
    FROM generate_series(1, 10000) g`)
  await client.query(`INSERT INTO threads (id, site_id, key, url, title, locked, comment_count,
      created_at, updated_at)
    SELECT ${uuidv7(`${base} - 20000000 + g`, "'t' || g")}, 'bench-site', '/post/' || g, NULL,
      'Post ' || g, false, 0, ${base}, ${base}
    FROM generate_series(1, ${threads}) g`)
  const { rows: indexes } = await client.query(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = '${schema}' AND tablename = 'comments' AND indexname <> 'comments_pkey'`,
  )
  for (const { indexname } of indexes) await client.query(`DROP INDEX ${indexname}`)
  await client.query("SET session_replication_role = replica") // no FK triggers during the load
  // Position k of comment g in its thread; replies (k % 5 = 4) answer the comment before them.
  const thread = `CASE WHEN g <= ${big} THEN 1 ELSE 2 + ((g - ${big + 1}) % ${Math.max(others, 1)}) END`
  const k = `CASE WHEN g <= ${big} THEN g - 1 ELSE (g - ${big + 1}) / ${Math.max(others, 1)} END`
  const parentG = `CASE WHEN g <= ${big} THEN g - 1 ELSE g - ${Math.max(others, 1)} END`
  // The comment after g in its thread, which replies to g when g sits at k % 5 = 3.
  const nextG = `CASE WHEN g < ${big} THEN g + 1 WHEN g > ${big} AND g + ${others} <= ${total}
    THEN g + ${others} END`
  const batch = 100_000
  for (let from = 1; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1)
    await client.query(`INSERT INTO comments (created_at, updated_at, edited_at, hot, best, upvotes,
        downvotes, score, reply_count, report_count, version, depth, shadowed, visible, id, site_id,
        thread_id, parent_id, author_id, status, body, html)
      SELECT ${base} + g, ${base} + g, NULL,
        round((sign(up - down) * log(greatest(abs(up - down), 1))
          + ((${base} + g) / 1000.0 - 1704067200) / 45000)::numeric, 7)::float8,
        CASE WHEN up + down = 0 THEN 0 ELSE ((up::float8 / (up + down)) + 1.9208 / (up + down)
          - 1.96 * sqrt(((up::float8 / (up + down)) * (1 - up::float8 / (up + down))
          + 0.9604 / (up + down)) / (up + down))) / (1 + 3.8416 / (up + down)) END,
        up, down, up - down, CASE WHEN has_reply THEN 1 ELSE 0 END, 0, 1,
        CASE WHEN reply THEN 1 ELSE 0 END, false, NOT hidden,
        ${uuidv7(`${base} + g`, "g")}, 'bench-site',
        ${uuidv7(`${base} - 20000000 + thread_g`, "'t' || thread_g")},
        CASE WHEN reply THEN ${uuidv7(`${base} + parent_g`, "parent_g")} END,
        ${uuidv7(`${base} - 10000000 + 1 + (g % 10000)`, "'c' || (1 + (g % 10000))")},
        CASE WHEN hidden THEN 'pending' ELSE 'approved' END,
        'Comment ' || g || ': ' || repeat('lorem ipsum dolor sit amet ', 6),
        '<p>Comment ' || g || ': ' || repeat('lorem ipsum dolor sit amet ', 6) || '</p>'
      FROM (
        SELECT g, ${thread} AS thread_g, ${parentG} AS parent_g, (${k}) % 5 = 4 AS reply,
          (${k}) % 5 = 3 AND coalesce((${nextG}) % 33 <> 0, false) AS has_reply,
          g % 33 = 0 AS hidden, floor(power(random(), 3) * 60)::int AS up,
          floor(power(random(), 3) * 12)::int AS down
        FROM generate_series(${from}, ${to}) g
      ) s`)
  }
  await client.query("SET session_replication_role = DEFAULT")
  for (const { indexdef } of indexes) await client.query(indexdef)
  await client.query(`UPDATE threads t SET comment_count = c.n
    FROM (SELECT thread_id, count(*)::int AS n FROM comments WHERE visible GROUP BY thread_id) c
    WHERE t.id = c.thread_id`)
  await client.query("VACUUM ANALYZE")
  const elapsed = performance.now() - t0
  // The reply counts written above match the rows: a check, not part of the timing.
  const [drift] = (
    await client.query(`SELECT count(*)::int AS n FROM comments p
      LEFT JOIN (SELECT parent_id, count(*)::int AS n FROM comments
                 WHERE parent_id IS NOT NULL AND visible GROUP BY parent_id) r ON r.parent_id = p.id
      WHERE p.reply_count <> coalesce(r.n, 0)`)
  ).rows
  if (drift.n !== 0) throw new Error(`seed: ${drift.n} comments with a wrong reply_count`)
  return elapsed
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

/**
 * Times `ops.small(i)` and `ops.large(i)` `iterations` times each after a
 * warm-up, one operation at a time, alternating the two databases (and which
 * goes first) so that load on the machine weighs on both alike.
 */
const timeBoth = async (small, large) => {
  for (let i = 0; i < warmup; i++) {
    await small.runtime.runPromise(small.op(i))
    await large.runtime.runPromise(large.op(i))
  }
  const samples = { small: [], large: [] }
  const one = async (side, key, i) => {
    const t = performance.now()
    await side.runtime.runPromise(side.op(i))
    samples[key].push(performance.now() - t)
  }
  for (let i = warmup; i < warmup + iterations; i++) {
    if (i % 2 === 0) {
      await one(small, "small", i)
      await one(large, "large", i)
    } else {
      await one(large, "large", i)
      await one(small, "small", i)
    }
  }
  const stats = (xs) => {
    xs.sort((a, b) => a - b)
    return { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) }
  }
  return { small: stats(samples.small), large: stats(samples.large) }
}

const prepare = async (label, shape) => {
  const name = `kommies_bench_${label}_${Date.now().toString(36)}`
  await admin(`CREATE DATABASE ${name}`)
  const url = urlOf(name)
  const runtime = ManagedRuntime.make(PgStore.layer({ url, poolSize: 4 }))
  const cleanup = async () => {
    await runtime.dispose()
    if (!keep) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
  try {
    const comments = await runtime.runPromise(CommentStore.CommentStore)
    const votes = await runtime.runPromise(VoteStore.VoteStore)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const seedMs = await seed(client, shape)
    const q = async (text) => (await client.query(text)).rows
    const [big] = await q(`SELECT id, site_id FROM threads ORDER BY created_at, id LIMIT 1`)
    const siteId = big.site_id
    const threadId = big.id
    const listed = (
      await q(
        `SELECT count(*)::int AS n FROM comments WHERE thread_id = '${threadId}' AND parent_id IS NULL AND visible`,
      )
    )[0].n
    // 90% of the way down, or the last full page if that is nearer the top.
    const deep = Math.min(Math.floor(listed * 0.9), listed - pageSize - 1)
    const [afterNew] = await q(`SELECT id FROM comments WHERE thread_id = '${threadId}'
      AND parent_id IS NULL AND visible ORDER BY id DESC OFFSET ${deep} LIMIT 1`)
    const [afterBest] = await q(`SELECT best, id FROM comments WHERE thread_id = '${threadId}'
      AND parent_id IS NULL AND visible ORDER BY best DESC, id DESC OFFSET ${deep} LIMIT 1`)
    const [author] = await q(`SELECT id FROM commenters ORDER BY id LIMIT 1`)
    const voters = (
      await q(`SELECT id FROM commenters ORDER BY id DESC LIMIT ${warmup + iterations}`)
    ).map((r) => r.id)
    const targets = await q(`SELECT id, author_id, created_at FROM comments
      WHERE thread_id = '${threadId}' AND visible ORDER BY random() LIMIT ${warmup + iterations}`)
    const plan = (
      await q(`EXPLAIN SELECT id FROM comments WHERE thread_id = '${threadId}'
      AND coalesce(parent_id, '') = '' AND site_id = '${siteId}' AND visible
      AND (best, id) < (${afterBest.best}, '${afterBest.id}') ORDER BY best DESC, id DESC LIMIT 50`)
    )
      .map((r) => r["QUERY PLAN"].replace(/\s+\(cost=.*$/, ""))
      .filter((line) => /Limit|Result|Scan|Sort|InitPlan/.test(line))
    const [size] = await q(`SELECT pg_total_relation_size('comments') AS comments,
      (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = '${schema}' AND c.relkind = 'r') AS everything,
      (SELECT count(*) FROM comments) AS n, pg_relation_size('comments') AS heap`)
    const indexSizes = await q(`SELECT c.relname AS name, pg_relation_size(i.indexrelid) AS bytes
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'comments'::regclass ORDER BY 2 DESC`)
    await client.end()

    const query = (sort, after) => ({
      siteId,
      threadId,
      parentId: null,
      sort,
      after,
      limit: pageSize,
      viewer: null,
      all: false,
    })
    const ops = {}
    ops["first page, new"] = () => comments.list(query("new", null))
    ops["first page, best"] = () => comments.list(query("best", null))
    ops["deep page, new"] = () => comments.list(query("new", { key: 0, id: afterNew.id }))
    ops["deep page, best"] = () =>
      comments.list(query("best", { key: afterBest.best, id: afterBest.id }))
    let posted = 0
    ops.post = () =>
      Effect.suspend(() => {
        posted++
        const now = base + 10_000_000 + posted
        const hex = now.toString(16).padStart(12, "0")
        const id = `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-${posted.toString(16).padStart(12, "0")}`
        return comments.insert(
          {
            id,
            siteId,
            threadId,
            parentId: null,
            depth: 0,
            authorId: author.id,
            body: "A new comment",
            html: "<p>A new comment</p>",
            status: "approved",
            shadowed: false,
            visible: true,
            upvotes: 0,
            downvotes: 0,
            score: 0,
            hot: Ranking.hot(0, 0, now),
            best: 0,
            replyCount: 0,
            reportCount: 0,
            version: 1,
            createdAt: now,
            editedAt: null,
            updatedAt: now,
          },
          { threadComments: 1, parentReplies: 0 },
        )
      })
    ops["vote (swap + ranks)"] = (i) => {
      const target = targets[i % targets.length]
      return Effect.flatMap(
        votes.swap({
          siteId,
          commentId: target.id,
          voterId: voters[i],
          authorId: target.author_id,
          expected: null,
          next: "up",
          upDelta: 1,
          downDelta: 0,
          karmaDelta: 1,
          at: base,
        }),
        (result) =>
          result._tag === "Swapped"
            ? comments.setRanks(
                siteId,
                target.id,
                { upvotes: result.upvotes, downvotes: result.downvotes },
                {
                  hot: Ranking.hot(result.upvotes, result.downvotes, Number(target.created_at)),
                  best: Ranking.best(result.upvotes, result.downvotes),
                },
              )
            : Effect.void,
      )
    }
    return { label, seedMs, listed, deep, ops, size, indexSizes, plan, runtime, cleanup }
  } catch (error) {
    await cleanup()
    throw error
  }
}

const fmt = (ms) => ms.toFixed(2).padStart(8)
const small = await prepare("1k", { total: 1_000, big: 500, threads: 10 })
const large = await prepare("1m", { total: 1_000_000, big: 100_000, threads: 1_000 }).catch(
  async (error) => {
    await small.cleanup()
    throw error
  },
)
const results = {}
try {
  for (const key of Object.keys(small.ops)) {
    results[key] = await timeBoth(
      { runtime: small.runtime, op: small.ops[key] },
      { runtime: large.runtime, op: large.ops[key] },
    )
  }
} finally {
  await small.cleanup()
  await large.cleanup()
}

console.log(
  `\n@kommies/store-postgres on ${new URL(serverUrl).host}, ${iterations} runs each, page of ${pageSize}`,
)
console.log(
  `seeded 1k in ${(small.seedMs / 1000).toFixed(1)} s, 1M in ${(large.seedMs / 1000).toFixed(1)} s`,
)
console.log(
  `big thread: ${small.listed} / ${large.listed} listed top-level comments; the deep page comes after ${small.deep} / ${large.deep} of them\n`,
)
console.log(
  `${"operation".padEnd(22)}${"1k p50".padStart(9)}${"1k p99".padStart(9)}${"1M p50".padStart(9)}${"1M p99".padStart(9)}${"p50 ×".padStart(8)}${"p99 ×".padStart(8)}`,
)
for (const [key, { small: a, large: b }] of Object.entries(results)) {
  console.log(
    `${key.padEnd(22)} ${fmt(a.p50)} ${fmt(a.p99)} ${fmt(b.p50)} ${fmt(b.p99)} ${(b.p50 / a.p50).toFixed(2).padStart(7)} ${(b.p99 / a.p99).toFixed(2).padStart(7)}`,
  )
}
console.log("(milliseconds; × = 1M / 1k)\n")
for (const { label, size } of [small, large]) {
  const n = Number(size.n)
  console.log(
    `${label}: ${n} comments; comments table + indexes ${(Number(size.comments) / n).toFixed(0)} bytes/comment; every table ${(Number(size.everything) / n).toFixed(0)} bytes/comment`,
  )
}
{
  const n = Number(large.size.n)
  const per = (bytes) => `${(Number(bytes) / n).toFixed(0)}`
  console.log(
    `1M, per comment: heap ${per(large.size.heap)} B; ${large.indexSizes.map((i) => `${i.name} ${per(i.bytes)}`).join(", ")}`,
  )
}
console.log(`\nplan of the deep "best" page at 1M:\n  ${large.plan.join("\n  ")}`)
