/**
 * Permalinks: `#comment-<id>` in the page's address scrolls to that comment
 * and highlights it, loading what it takes to show it first (pages of the
 * top level, replies along its parents), within a few requests.
 */
import { type KommiesClient, remainingReplies } from "@kommies/client"
import { anchorOf, permalinkId } from "@kommies/client/ui"
import { createEffect, onCleanup } from "solid-js"
import type { UseThreadResult } from "../useThread.js"

/** Loads until `id` is in the thread, following its parents; gives up after a few pages. */
const reveal = async (thread: UseThreadResult, client: KommiesClient, id: string) => {
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

/** Follows the page's `#comment-<id>` once the thread is ready, and on every hash change. */
export const usePermalinks = (
  thread: UseThreadResult,
  client: KommiesClient,
  highlight: (id: string) => void,
): void => {
  const go = async () => {
    const id = permalinkId(location.hash)
    if (!id) return
    await reveal(thread, client, id).catch(() => {})
    const el = document.getElementById(anchorOf(id))
    if (!el) return
    highlight(id)
    el.scrollIntoView?.({ block: "center" })
    el.focus({ preventScroll: true })
  }
  let started = false
  createEffect(() => {
    if (!started && thread.state().status === "ready") {
      started = true
      void go()
    }
  })
  addEventListener("hashchange", go)
  onCleanup(() => removeEventListener("hashchange", go))
}
