/**
 * embed.js only: a part of embed.js behind a button, for a part that would
 * otherwise load with the first render (the sign-in panel of a reader signed
 * out). Nothing is fetched until the reader shows interest: pointing at or
 * focusing the button fetches the part, pressing it (click, Enter, Space)
 * opens it, and focus moves into it, where the button was. While it loads
 * the button says so (`aria-busy`) and keeps its label and size; a failed
 * load says so, and pressing again tries again. rollup.parts.mjs puts
 * `prompted(…)` where the part's component was.
 */
import type { MessageKey } from "@kommies/client"
import { type Component, createComponent, createMemo, createSignal, type JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import { load } from "./lazy.js"

/** Part `name`'s component `key`, behind a button labelled `label` until the reader asks for it. */
export const prompted =
  <P extends object>(name: string, key: string, label: MessageKey) =>
  (props: P): JSX.Element => {
    const { t } = useKommies()
    const [component, setComponent] = createSignal<Component<P>>()
    /** "" until the reader presses the button, "busy" while the part loads, "failed" if it did not. */
    const [state, setState] = createSignal("")
    let shown: JSX.Element
    const prefetch = () => {
      load(name).catch(() => {})
    }
    const open = () => {
      setState("busy")
      load(name).then(
        (part) => {
          setComponent(() => part[key] as Component<P>)
          // Solid put the part in the page at once: focus goes where the button was.
          ;(shown as HTMLElement).querySelector("input")?.focus()
        },
        () => setState("failed"),
      )
    }
    return createMemo(() => {
      const loaded = component()
      if (loaded) {
        shown = createComponent(loaded, props)
        return shown
      }
      return (
        <div class="kommies-auth kommies-auth--prompt">
          <button
            type="button"
            class="kommies-button kommies-button--primary"
            aria-busy={state() === "busy"}
            onPointerEnter={prefetch}
            onFocus={prefetch}
            onClick={open}
          >
            {t(label)}
          </button>
          {state() === "failed" && (
            <p class="kommies-auth__message" role="alert">
              {t("error.generic")}
            </p>
          )}
        </div>
      )
    }) as unknown as JSX.Element
  }
