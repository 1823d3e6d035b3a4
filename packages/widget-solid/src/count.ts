/**
 * count.js: comment counts on index pages, with one request per site and no
 * framework. Mark the badges and load it once:
 *
 *   <a href="/post/1">Post <span data-kommies-count data-kommies-site="kp_…" data-kommies-page="/post/1"></span></a>
 *   <script src="https://comments.example.com/count.js" async></script>
 *
 * Every `[data-kommies-count]` gets its page's count in words ("3 comments",
 * "3 Kommentare" for `data-kommies-locale="de"` or `<html lang="de">`).
 * `data-kommies-page` defaults to the badge's own link path (on an `<a>`),
 * `data-kommies-base-url` to this script's origin + "/kommies". The site key
 * goes in the query (`?key=`), so the request needs no CORS preflight.
 */
import type { Message } from "@kommies/client"
import words from "virtual:kommies/count-messages"

const script = document.currentScript as HTMLScriptElement | null
const defaultBase = new URL("/kommies", script?.src || location.href).href

const say = (count: number, locale: string) => {
  const lang = locale.toLowerCase().split("-")[0]!
  const message: Message = words[lang] ?? words.en!
  const text =
    typeof message === "string"
      ? message
      : (message[new Intl.PluralRules(lang).select(count)] ?? message.other)
  return text.replace("{count}", new Intl.NumberFormat(lang).format(count))
}

const fill = () => {
  const groups = new Map<string, Map<string, Array<HTMLElement>>>()
  for (const badge of document.querySelectorAll<HTMLElement>("[data-kommies-count]")) {
    const { kommiesSite: site, kommiesPage, kommiesBaseUrl } = badge.dataset
    const page = kommiesPage || (badge instanceof HTMLAnchorElement ? badge.pathname : "")
    if (!site || !page) continue
    const key = `${(kommiesBaseUrl || defaultBase).replace(/\/+$/, "")}/counts?key=${encodeURIComponent(site)}`
    const pages = groups.get(key) ?? new Map<string, Array<HTMLElement>>()
    groups.set(key, pages)
    pages.set(page, [...(pages.get(page) ?? []), badge])
  }
  for (const [url, pages] of groups)
    fetch(`${url}&threads=${[...pages.keys()].map(encodeURIComponent).join(",")}`)
      .then((response) => (response.ok ? response.json() : {}))
      .then((counts: Record<string, number>) => {
        for (const [page, badges] of pages)
          for (const badge of badges) {
            const locale = badge.dataset.kommiesLocale || document.documentElement.lang || "en"
            badge.textContent = say(counts[page] ?? 0, locale)
          }
      })
      .catch(() => {})
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill)
else fill()
