/** Loads data for a screen and keeps the answer, the error and a way to load again. */
import { KommiesError } from "@kommies/client"
import { useCallback, useEffect, useRef, useState } from "react"

export interface Loaded<A> {
  readonly data: A | undefined
  readonly error: KommiesError | undefined
  readonly loading: boolean
  readonly reload: () => void
  /** Replaces the data in place (after a write that answered with it). */
  readonly set: (data: A) => void
}

/** Any thrown value as a KommiesError, for one way of showing errors. */
export const asError = (error: unknown): KommiesError =>
  error instanceof KommiesError
    ? error
    : new KommiesError(0, "unexpected", error instanceof Error ? error.message : String(error))

/** Runs `load` when `key` changes (and on `reload`). */
export const useLoad = <A>(key: string, load: () => Promise<A>): Loaded<A> => {
  const [state, setState] = useState<{ data?: A; error?: KommiesError; loading: boolean }>({
    loading: true,
  })
  const [round, setRound] = useState(0)
  const latest = useRef(load)
  latest.current = load
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `round` are the reasons to load again; `load` is read through a ref.
  useEffect(() => {
    let live = true
    setState((previous) => ({ ...previous, loading: true }))
    latest.current().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error: asError(error), loading: false }),
    )
    return () => {
      live = false
    }
  }, [key, round])
  const reload = useCallback(() => setRound((n) => n + 1), [])
  const set = useCallback((data: A) => setState({ data, loading: false }), [])
  return { data: state.data, error: state.error, loading: state.loading, reload, set }
}

/** A write in progress: its pending flag and its error, for one form or button. */
export const useAction = () => {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<KommiesError | undefined>(undefined)
  const run = useCallback(async <A>(action: () => Promise<A>): Promise<A | undefined> => {
    setPending(true)
    setError(undefined)
    try {
      return await action()
    } catch (caught) {
      setError(asError(caught))
      return undefined
    } finally {
      setPending(false)
    }
  }, [])
  return { pending, error, run, clear: () => setError(undefined) }
}
