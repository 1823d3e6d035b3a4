/**
 * Small builders for the memory store's own tests. Ids are short sortable strings
 * so that orders and ties are easy to read in assertions.
 */
import type { Comment } from "../src/domain/Comment.js"
import type { Commenter } from "../src/domain/Commenter.js"
import type { DomainEvent, NewEvent } from "../src/domain/Event.js"
import { defaultSettings, type Site } from "../src/domain/Site.js"
import type { Thread } from "../src/domain/Thread.js"
import type { CommenterId, CommentId, SiteId, ThreadId } from "../src/Ids.js"
import type { CounterDeltas } from "../src/ports/CommentStore.js"

export const siteA = "site-a" as SiteId
export const siteB = "site-b" as SiteId
export const threadId = "thread-1" as ThreadId
export const alice = "alice" as CommenterId
export const bob = "bob" as CommenterId
export const carol = "carol" as CommenterId

/** A comment id that sorts by `n`. */
export const cid = (n: number): CommentId => `c${n.toString().padStart(6, "0")}` as CommentId

export const site = (id: SiteId, overrides: Partial<Site> = {}): Site => ({
  id,
  name: `Site ${id}`,
  ownerAccountId: null,
  allowedOrigins: ["https://example.test"],
  publicKey: `kp_${id}`,
  secretKeyId: `sk_${id}`,
  secretKeyHash: "00",
  settings: defaultSettings,
  planId: "unlimited",
  createdAt: 1,
  updatedAt: 1,
  ...overrides,
})

export const thread = (siteId: SiteId, overrides: Partial<Thread> = {}): Thread => ({
  id: threadId,
  siteId,
  key: "/post/1",
  url: null,
  title: null,
  locked: false,
  commentCount: 0,
  createdAt: 1,
  updatedAt: 1,
  ...overrides,
})

export const commenter = (
  siteId: SiteId,
  id: CommenterId,
  overrides: Partial<Commenter> = {},
): Commenter => ({
  id,
  siteId,
  displayName: id,
  avatarUrl: null,
  email: null,
  emailVerified: false,
  origin: "guest",
  externalId: null,
  passwordHash: null,
  role: "user",
  karma: 0,
  trusted: false,
  createdAt: 1,
  updatedAt: 1,
  ...overrides,
})

export const comment = (
  siteId: SiteId,
  n: number,
  authorId: CommenterId,
  overrides: Partial<Comment> = {},
): Comment => ({
  id: cid(n),
  siteId,
  threadId,
  parentId: null,
  depth: 0,
  authorId,
  body: `comment ${n}`,
  html: `<p>comment ${n}</p>`,
  status: "approved",
  shadowed: false,
  visible: true,
  upvotes: 0,
  downvotes: 0,
  score: 0,
  hot: 0,
  best: 0,
  replyCount: 0,
  reportCount: 0,
  version: 1,
  createdAt: n,
  editedAt: null,
  updatedAt: n,
  ...overrides,
})

/** The deltas core writes with a new comment. */
export const deltasOf = (c: Comment): CounterDeltas => ({
  threadComments: c.visible && c.status !== "deleted" ? 1 : 0,
  parentReplies: c.visible && c.parentId !== null ? 1 : 0,
})

export const noDeltas: CounterDeltas = { threadComments: 0, parentReplies: 0 }

export const event = (siteId: SiteId, thread: ThreadId, n: number): NewEvent => ({
  id: `e${n}`,
  siteId,
  threadId: thread,
  type: "comment.created",
  data: { n },
  createdAt: n,
})

export const seqs = (events: ReadonlyArray<DomainEvent>): ReadonlyArray<number> =>
  events.map((e) => e.seq)

/** A small seeded generator (mulberry32), so property-style tests are reproducible. */
export const random = (seed: number) => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <A>(items: ReadonlyArray<A>): A => items[Math.floor(next() * items.length)] as A,
  }
}
