/**
 * embed.js: Kommies on any page, no build. Load it once, anywhere:
 *
 *   <div data-kommies-site="kp_…" data-kommies-page="/post/1"></div>
 *   <script src="https://comments.example.com/embed.js" async></script>
 *
 * It mounts `Comments` into every `[data-kommies-site]` element (not the
 * `[data-kommies-count]` badges of count.js), now and whenever one is added
 * later, and unmounts it when the element leaves the page. Options, as data
 * attributes: `data-kommies-page` (default: the path), `data-kommies-base-url`
 * (default: this script's origin + "/kommies"), `data-kommies-locale`
 * (default: `<html lang>`; its messages load from `locales/<lang>.js` next
 * to this script), `data-kommies-theme` (light, dark, auto),
 * `data-kommies-sort`, `data-kommies-live` (readers and typing over the
 * reference server's realtime socket: `embed-live.js`). The stylesheet is
 * `styles.css` next to this script: linked once, first in `<head>`, unless
 * the page already has it (a `<link data-kommies-styles>` of its own, or
 * one to the same file). What a reader does not need at first (the sign-in
 * panel, the composer, the moderator tools) loads on first use from
 * `embed-<part>.js` beside it; a reader signed out sees "Sign in to comment",
 * and nothing more loads until they point at, focus or press it.
 */
import type { Catalog, Sort } from "@kommies/client"
import { createRoot } from "solid-js"
import { insert } from "solid-js/web"
import { sharedClient } from "@kommies/client/ui"
import { Comments, type CommentsProps } from "./Comments.js"
import { here, script } from "./internal/lazy.js"
import { live } from "./internal/live.js"
import shared from "virtual:kommies/shared"

declare global {
  interface Window {
    /** Catalogs registered by `locales/<lang>.js`. */
    KommiesLocales?: Record<string, Catalog>
  }
}

// What the parts take from this script; read here, once every module has run.
window.KommiesEmbed = { ...window.KommiesEmbed, ...shared() }
const defaultBase = new URL("/kommies", here).href
const selector = "[data-kommies-site]:not([data-kommies-count])"
const mounted = new Map<Element, () => void>()
const catalogs = new Map<string, Promise<Catalog | undefined>>()

/** English is built in; other languages load once from `locales/<lang>.js` beside this script. */
const catalogFor = (locale: string) => {
  const lang = locale.toLowerCase().split("-")[0]!
  if (lang === "en" || !/^[a-z]{2,3}$/.test(lang)) return undefined
  let loading = catalogs.get(lang)
  if (!loading) {
    const found = () => window.KommiesLocales?.[lang]
    loading = script(`locales/${lang}.js`).then(found, found)
    catalogs.set(lang, loading)
  }
  return loading
}

const mount = async (el: HTMLElement) => {
  if (mounted.has(el)) return
  mounted.set(el, () => {})
  const data = el.dataset
  const locale = data.kommiesLocale || document.documentElement.lang || "en"
  const catalog = await catalogFor(locale)
  if (!mounted.has(el)) return
  el.textContent = ""
  // Plain values, not getters: the attributes are read once, at mount.
  const props = {
    site: data.kommiesSite,
    page: data.kommiesPage || location.pathname,
    baseUrl: data.kommiesBaseUrl || defaultBase,
    locale: catalog || /^en\b/i.test(locale) ? locale : "en",
    catalog,
    theme: data.kommiesTheme as CommentsProps["theme"],
    sort: data.kommiesSort as Sort | undefined,
  } satisfies CommentsProps
  // Solid's `render` but for its last step (emptying the element when
  // disposed): an element is disposed once it left the page, and emptied by
  // the next mount if it comes back. Still mounted: nothing ran since the check.
  createRoot((dispose) => {
    mounted.set(el, dispose)
    insert(el, <Comments {...props} />)
  })
  // Readers and typing, from a server that speaks the realtime socket
  // (embed-live.js). Here `live` is a stand-in that returns the part's
  // promise (rollup.parts.mjs): if the part fails to load, the thread works
  // on without it, and the page gets no unhandled rejection.
  if (data.kommiesLive != null)
    (live(el, props, sharedClient) as unknown as Promise<void>).catch(() => {})
}

const mountIn = (node: Node) => {
  if (node.nodeType !== 1) return
  if ((node as Element).matches(selector)) void mount(node as HTMLElement)
  for (const found of (node as Element).querySelectorAll<HTMLElement>(selector)) void mount(found)
}

const start = () => {
  const href = new URL("styles.css", here).href
  if (
    !document.querySelector("[data-kommies-styles]") &&
    ![...document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')].some(
      (link) => link.href === href,
    )
  ) {
    const link = document.createElement("link")
    link.rel = "stylesheet"
    link.href = href
    link.setAttribute("data-kommies-styles", "")
    // First in <head>: the page's own rules (and --kommies-* properties) win.
    document.head.prepend(link)
  }
  mountIn(document.body)
  new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach(mountIn)
      if (record.removedNodes.length > 0)
        for (const [el, dispose] of mounted)
          if (!el.isConnected) {
            mounted.delete(el)
            dispose()
          }
    }
  }).observe(document.body, { childList: true, subtree: true })
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
else start()
