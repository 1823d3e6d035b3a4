/**
 * What a permalink takes to show its comment: the pages and replies that
 * lead to it. A module of its own so that embed.js loads it only for a page
 * opened at a `#comment-<id>` (see rollup.parts.mjs).
 */
import { type KommiesClient, remainingReplies } from "@kommies/client"
import type { UseThreadResult } from "../useThread.js"

/** Loads until `id` is in the thread, following its parents; gives up after a few pages. */
export const reveal = async (thread: UseThreadResult, client: KommiesClient, id: string) => {
  const { state } = thread
  const parentOf = async (c: string) =>
    (state().comments[c] ?? (await client.getComment(c))).parentId
  const chain = [id]
  for (let p = await parentOf(id); p && chain.length < 50; p = await parentOf(p)) chain.unshift(p)
  for (let tries = 0; tries < 10; tries++) {
    const s = state()
    const missing = chain.findIndex((c) => !s.comments[c])
    const parent = chain[missing - 1]
    if (missing === -1) return
    if (parent ? remainingReplies(s, parent) === 0 : !s.hasMore) return
    await (parent ? thread.loadReplies(parent) : thread.loadMore())
  }
}
