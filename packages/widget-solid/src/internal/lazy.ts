/**
 * embed.js only. What a reader does not need on the first render (the
 * sign-in panel, the composer with its preview and the edit form, the
 * comment actions, the moderator tools, the permalink search) is built into
 * scripts of their own beside embed.js, `embed-<part>.js`, loaded on first
 * use. They hold only their own code: the Solid runtime, the client and the
 * components they share come from this script, through
 * `window.KommiesEmbed`, which embed.tsx fills (see rollup.parts.mjs, where
 * the imports of those modules are replaced with `lazy(…)`).
 */
import { type Component, createComponent, createMemo, createSignal, type JSX } from "solid-js"

type Part = Record<string, (...args: never) => unknown>

declare global {
  interface Window {
    /** What the parts of embed.js share with it, and the parts once loaded. */
    KommiesEmbed?: Record<string, unknown>
  }
}

/** This script's address: the parts (and `styles.css`, `locales/`) are beside it. */
export const here = (document.currentScript as HTMLScriptElement | null)?.src || location.href

/** Runs the script at `path` beside this one; settles when it ran, or failed to load. */
export const script = (path: string): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const tag = document.createElement("script")
    tag.src = new URL(path, here).href
    tag.onload = resolve
    tag.onerror = reject
    document.head.append(tag)
  })

const parts = new Map<string, Promise<Part>>()

/** Loads `embed-<name>.js` once; a failed load is tried again on next use. */
export const load = (name: string): Promise<Part> => {
  let loading = parts.get(name)
  if (!loading) {
    loading = script(`embed-${name}.js`).then(() => window.KommiesEmbed?.[name] as Part)
    loading.catch(() => parts.delete(name))
    parts.set(name, loading)
  }
  return loading
}

/** A function of part `name`: calls it once its script is in. */
export const later =
  <A extends ReadonlyArray<unknown>, R>(name: string, key: string) =>
  async (...args: A): Promise<R> =>
    ((await load(name))[key] as unknown as (...args: A) => Promise<R>)(...args)

/** A component of part `name` that renders (nothing at first) once its script is in. */
export const lazy =
  <P extends object>(name: string, key: string) =>
  (props: P): JSX.Element => {
    const [component, setComponent] = createSignal<Component<P>>()
    load(name).then(
      (part) => setComponent(() => part[key] as Component<P>),
      () => {},
    )
    return createMemo(() => {
      const loaded = component()
      return loaded && createComponent(loaded, props)
    }) as unknown as JSX.Element
  }
