/**
 * embed.js's `live` part (`embed-live.js`): for a mount element with
 * `data-kommies-live`, how many read the thread now and who is typing, over
 * the realtime WebSocket of a server that speaks it (the reference server:
 * `<base URL>/realtime?key=…&thread=…`). Only opted-in elements load it:
 * other servers have no such socket.
 *
 * Plain DOM, no component: the notice is one polite live region put in the
 * thread's header, beside the count ("2 reading now · Ada is typing…").
 */
import type { Catalog, KommiesClient } from "@kommies/client"
import { createTranslator } from "@kommies/client"
import { catalog as english } from "@kommies/client/locales/en"
import type { sharedClient } from "@kommies/client/ui"

/** What embed.js mounted the element's comments with. */
export interface LiveOptions {
  readonly site?: string | undefined
  readonly page: string
  readonly baseUrl: string
  readonly catalog?: Catalog | undefined
}

/** A typing notice lasts this long without a new `typing` message. */
const typingFor = 4_000
/** The server passes on one `typing` per 2 s; sending more often is wasted. */
const typingEvery = 2_000
const maxDelay = 30_000

type ServerMessage =
  | { readonly type: "presence"; readonly count: number }
  | { readonly type: "typing"; readonly name: string }

/**
 * Connects `el`'s thread to the realtime socket until `el` leaves the page:
 * shows the readers (when others read too) and who types, sends `typing`
 * while the reader types in a composer, and `identify` with the commenter's
 * token so that others see their name. Reconnects with backoff.
 *
 * @param client embed.js's `sharedClient`: the one session of the page
 */
export const live = (el: HTMLElement, options: LiveOptions, client: typeof sharedClient): void => {
  if (!el.isConnected) return
  const session: KommiesClient = client({ baseUrl: options.baseUrl, siteKey: options.site ?? "" })
  const t = createTranslator(options.catalog ?? english)
  const url = new URL(`${options.baseUrl.replace(/\/+$/, "")}/realtime`, location.href)
  url.protocol = url.protocol.replace("http", "ws")
  url.search = new URLSearchParams({ key: options.site ?? "", thread: options.page }).toString()

  const region = document.createElement("span")
  region.setAttribute("aria-live", "polite")
  region.dataset.live = "open"
  let count = 0
  /** Who types, each until their notice expires. */
  const typing = new Map<string, ReturnType<typeof setTimeout>>()
  const show = () => {
    if (!region.isConnected) {
      const heading = el.querySelector(".kommies-header__count")
      if (heading) heading.after(region)
      else el.append(region)
    }
    const [first, ...others] = typing.keys()
    const text = [
      count > 1 && t("live.reading", { count }),
      first !== undefined &&
        (others.length > 0
          ? t("live.typingMany", { name: first, count: others.length })
          : t("live.typing", { name: first })),
    ]
      .filter(Boolean)
      .join(" · ")
    // No dot and no text while there is nothing to say; the region stays, to be heard later.
    region.className = text ? "kommies-live" : ""
    region.textContent = text
  }

  let socket: WebSocket | undefined
  let tries = 0
  let retry: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  let lastTyping = 0
  const send = (message: object) => {
    if (socket?.readyState === 1) socket.send(JSON.stringify(message))
  }
  const identify = () => {
    session.accessToken().then(
      (token) => token && send({ type: "identify", token }),
      () => {},
    )
  }
  const forget = () => {
    for (const timer of typing.values()) clearTimeout(timer)
    typing.clear()
    count = 0
  }
  const connect = () => {
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      tries = 0
      identify()
    }
    ws.onmessage = ({ data }) => {
      let message: ServerMessage
      try {
        message = JSON.parse(data)
      } catch {
        return
      }
      if (message.type === "presence") count = message.count
      else if (message.type === "typing") {
        const { name } = message
        clearTimeout(typing.get(name))
        typing.set(
          name,
          setTimeout(() => {
            typing.delete(name)
            show()
          }, typingFor),
        )
      }
      show()
    }
    ws.onclose = () => {
      if (stopped || socket !== ws) return
      // What the socket said is stale now: nothing is shown until it is back.
      forget()
      show()
      const delay = Math.min(maxDelay, 1_000 * 2 ** tries++)
      retry = setTimeout(connect, delay / 2 + (Math.random() * delay) / 2)
    }
  }

  const onInput = (event: Event) => {
    const now = Date.now()
    if ((event.target as Element).localName !== "textarea" || now - lastTyping < typingEvery) return
    lastTyping = now
    send({ type: "typing" })
  }
  // Signed in (or out) after connecting: the name others see follows.
  const unsubscribe = session.subscribe(identify)
  const gone = new MutationObserver(() => {
    if (el.isConnected) return
    stopped = true
    gone.disconnect()
    unsubscribe()
    clearTimeout(retry)
    forget()
    el.removeEventListener("input", onInput)
    socket?.close()
  })
  gone.observe(document.body, { childList: true, subtree: true })
  el.addEventListener("input", onInput)
  show()
  connect()
}
