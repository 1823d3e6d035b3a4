// Benchmark of @kommies/store-redis: seeds a thread of 1,000 comments and one of
// 1,000,000 (same shape; RedisStore.importComments, the insert script pipelined), and prints, side by side with their ratio, p50/p99 of
// reading a page (first, deep, and a page with its replies), posting and voting,
// plus INFO memory bytes per comment. Not a test: run it by hand after
// `npm run build -w packages/store-redis`:
//
//   REDIS_URL=redis://127.0.0.1:6379/9 node bench/store-redis.mjs
//
// Shape of each thread: 10% top-level comments, the rest replies to one of the
// 10 most recent top-level comments (a live thread: about 9 replies per
// parent); 2% pending; authors with ~100 comments each; random vote counts;
// bodies of 60–200 characters, html = <p>body</p>. Each measure runs after an
// untimed warm-up of the same operation. Keys go under a prefix of this run in the
// given DB (default 9, not 0) and are removed (SCAN + UNLINK of that prefix) at the end.
// BENCH_SIZES=1000,100000 runs other sizes.
import { CommentStore, Ranking, ThreadStore, VoteStore } from "@kommies/core"
import { RedisConnection, RedisStore } from "@kommies/store-redis"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import { Redis } from "ioredis"

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/9"
const sizes = (process.env.BENCH_SIZES ?? "1000,1000000").split(",").map(Number)
const samples = Number(process.env.BENCH_SAMPLES ?? 1000)
// As short as the default `kommies:`, so key sizes are what production sees.
const prefix = `kb${Math.random().toString(36).slice(2, 7)}:`

const admin = new Redis(url)
// A scope that lives for the whole run.
const scope = Effect.runSync(Scope.make())
const context = await Effect.runPromise(
  Layer.buildWithScope(
    RedisStore.layerFromConnection.pipe(Layer.provideMerge(RedisConnection.layer({ url, prefix }))),
    scope,
  ),
)
const comments = Context.get(context, CommentStore.CommentStore)
const votes = Context.get(context, VoteStore.VoteStore)
const run = (effect) => Effect.runPromise(effect)

// Deterministic randomness, so both sizes get the same shape.
let seed = 42
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}
const int = (n) => Math.floor(random() * n)
const words =
  "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua".split(
    " ",
  )
const body = () => {
  const target = 60 + int(141)
  let text = ""
  while (text.length < target) text += `${words[int(words.length)]} `
  return text.slice(0, target).trim()
}

// UUIDv7-shaped ids in creation order.
let lastMs = 0
let counter = 0
const hex = (n, w) => n.toString(16).padStart(w, "0")
const uuid = () => {
  const ms = Math.max(Date.now(), lastMs)
  counter = ms === lastMs ? counter + 1 : 0
  lastMs = ms
  const tail = Array.from({ length: 6 }, () => hex(int(256), 2)).join("")
  const t = hex(ms, 12)
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(counter & 0xfff, 3)}-${hex(0x8000 | int(0x4000), 4)}-${tail}`
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
const measure = async (n, op) => {
  for (let i = 0; i < Math.min(200, n); i++) await op(n + i)
  const times = []
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint()
    await op(i)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) }
}
const usedMemory = async () => {
  // UNLINK frees in the background: wait until nothing is pending, so earlier
  // deletions do not count against this scenario.
  for (;;) {
    const info = await admin.info("memory")
    if (Number(/lazyfree_pending_objects:(\d+)/.exec(info)?.[1] ?? 0) === 0)
      return Number(/used_memory:(\d+)/.exec(info)[1])
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const removePrefix = async () => {
  let cursor = "0"
  do {
    const [next, keys] = await admin.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 5_000)
    cursor = next
    if (keys.length > 0) await admin.unlink(...keys)
  } while (cursor !== "0")
}

const scenario = async (n) => {
  const siteId = uuid()
  const threadId = uuid()
  const now = Date.now()
  const authors = Array.from({ length: Math.max(10, Math.floor(n / 100)) }, () => uuid())
  const voters = Array.from({ length: 1_000 }, () => uuid())
  // The thread row, so counters move as they would in production.
  await run(
    Context.get(context, ThreadStore.ThreadStore).getOrInsert({
      id: threadId,
      siteId,
      key: `/bench/${n}`,
      url: null,
      title: "Bench",
      locked: false,
      commentCount: 0,
      createdAt: now,
      updatedAt: now,
    }),
  )
  const topLevel = []
  const memoryBefore = await usedMemory()
  const seedStart = Date.now()
  const batch = 5_000
  for (let start = 0; start < n; start += batch) {
    const rows = []
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const id = uuid()
      const isTop = i % 10 === 0 || topLevel.length === 0
      const recent = Math.min(topLevel.length, 10)
      const parent = isTop ? null : topLevel[topLevel.length - 1 - int(recent)]
      const upvotes = int(20)
      const downvotes = int(5)
      const pending = i % 50 === 49
      const text = body()
      const c = {
        id,
        siteId,
        threadId,
        parentId: parent === null ? null : parent.id,
        depth: parent === null ? 0 : 1,
        authorId: authors[i % authors.length],
        body: text,
        html: `<p>${text}</p>`,
        status: pending ? "pending" : "approved",
        shadowed: false,
        visible: !pending,
        upvotes,
        downvotes,
        score: upvotes - downvotes,
        hot: Ranking.hot(upvotes, downvotes, now - int(86_400_000)),
        best: Ranking.best(upvotes, downvotes),
        replyCount: 0,
        reportCount: 0,
        version: 1,
        createdAt: now,
        editedAt: null,
        updatedAt: now,
      }
      if (isTop && !pending) topLevel.push(c)
      rows.push(c)
    }
    // The insert script of CommentStore.insert, pipelined 500 at a time.
    await run(
      RedisStore.importComments(
        rows.map((c) => ({
          comment: c,
          deltas: {
            threadComments: c.visible ? 1 : 0,
            parentReplies: c.visible && c.parentId !== null ? 1 : 0,
          },
        })),
      ).pipe(Effect.provide(context)),
    )
    if (n >= 100_000 && (start / batch) % 20 === 0) {
      process.stderr.write(`  seeded ${start + rows.length}/${n}\r`)
    }
  }
  const seedMs = Date.now() - seedStart
  const bytesPerComment = ((await usedMemory()) - memoryBefore) / n

  const best = [...topLevel].sort((a, b) => b.best - a.best || (a.id < b.id ? 1 : -1))
  const byId = [...topLevel].sort((a, b) => (a.id < b.id ? 1 : -1))
  const deep = (sorted, sort, i) => {
    const c = sorted[Math.floor(sorted.length * 0.9) - (i % 50)]
    return { key: sort === "best" ? c.best : 0, id: c.id }
  }
  const page = (sort, after, parentId = null) =>
    comments.list({ siteId, threadId, parentId, sort, after, limit: 21, viewer: null, all: false })

  const results = {}
  results["read first page (best)"] = await measure(samples, () => run(page("best", null)))
  results["read deep page (best, 90%)"] = await measure(samples, (i) =>
    run(page("best", deep(best, "best", i))),
  )
  results["read deep page (new, 90%)"] = await measure(samples, (i) =>
    run(page("new", deep(byId, "new", i))),
  )
  results["read page + 20 reply lists"] = await measure(Math.floor(samples / 4), () =>
    run(
      Effect.flatMap(page("best", null), (rows) =>
        Effect.forEach(rows.slice(0, 20), (c) => page("best", null, c.id), {
          concurrency: "unbounded",
        }),
      ),
    ),
  )
  results["post a comment"] = await measure(samples, () => {
    const text = body()
    const id = uuid()
    return run(
      comments.insert(
        {
          ...topLevel[0],
          id,
          body: text,
          html: `<p>${text}</p>`,
          upvotes: 0,
          downvotes: 0,
          score: 0,
          hot: Ranking.hot(0, 0, Date.now()),
          best: 0,
          createdAt: Date.now(),
          updatedAt: Date.now(),
        },
        { threadComments: 1, parentReplies: 0 },
      ),
    )
  })
  // Distinct voters on random comments: a repeated (voter, comment) pair is a Stale swap,
  // which costs the same script run.
  results.vote = await measure(samples, (i) => {
    const c = topLevel[int(topLevel.length)]
    return run(
      votes.swap({
        siteId,
        commentId: c.id,
        voterId: voters[i % voters.length],
        authorId: c.authorId,
        expected: null,
        next: "up",
        upDelta: 1,
        downDelta: 0,
        karmaDelta: 1,
        at: Date.now(),
      }),
    )
  })
  return { seedMs, bytesPerComment, results, topLevel: topLevel.length }
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
try {
  const [small, large] = sizes
  console.log(`@kommies/store-redis bench on ${url} (prefix ${prefix})`)
  const a = await scenario(small)
  console.log(`seeded ${small} comments in ${(a.seedMs / 1000).toFixed(1)} s`)
  await removePrefix()
  const b = await scenario(large)
  console.log(
    `seeded ${large} comments in ${(b.seedMs / 1000).toFixed(1)} s (${Math.round(large / (b.seedMs / 1000))}/s)`,
  )
  const rows = [
    [
      "metric",
      `${small} p50 ms`,
      `${small} p99 ms`,
      `${large} p50 ms`,
      `${large} p99 ms`,
      "p50 ratio",
      "p99 ratio",
    ],
  ]
  for (const name of Object.keys(a.results)) {
    const x = a.results[name]
    const y = b.results[name]
    rows.push([
      name,
      fmt(x.p50),
      fmt(x.p99),
      fmt(y.p50),
      fmt(y.p99),
      (y.p50 / x.p50).toFixed(2),
      (y.p99 / x.p99).toFixed(2),
    ])
  }
  rows.push([
    "INFO memory bytes/comment",
    a.bytesPerComment.toFixed(0),
    "",
    b.bytesPerComment.toFixed(0),
    "",
    (b.bytesPerComment / a.bytesPerComment).toFixed(2),
    "",
  ])
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)))
  for (const r of rows) console.log(r.map((cell, i) => String(cell).padEnd(widths[i])).join("  "))
  console.log(`top-level comments: ${a.topLevel} / ${b.topLevel}`)
} finally {
  await removePrefix()
  await Effect.runPromise(Scope.close(scope, Exit.void))
  await admin.quit()
}
