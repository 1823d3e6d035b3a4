/**
 * Permalinks: `#comment-<id>` in the page's address scrolls to that comment
 * and highlights it, loading what it takes to show it first (pages of the
 * top level, replies along its parents), within a few requests.
 */
import type { KommiesClient } from "@kommies/client"
import { anchorOf, permalinkId } from "@kommies/client/ui"
import { createEffect, onCleanup } from "solid-js"
import type { UseThreadResult } from "../useThread.js"
import { reveal } from "./reveal.js"

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
