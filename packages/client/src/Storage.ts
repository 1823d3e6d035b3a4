/**
 * Where the client keeps a commenter's tokens: in memory (the default, and
 * what SSR wants), or in `localStorage` so a session survives reloads.
 *
 * @since 0.1.0
 */

/**
 * A synchronous key-value store for the session. `localStorage` fits as is.
 *
 * @since 0.1.0
 * @category models
 */
export interface TokenStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/**
 * A storage that lives as long as the page (or the server request).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const client = createClient({ baseUrl, siteKey, storage: memoryStorage() })
 */
export const memoryStorage = (): TokenStorage => {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

/**
 * The browser's `localStorage`, or memory where there is none (Node, or a
 * browser that refuses storage).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const client = createClient({ baseUrl, siteKey, storage: localStorageStorage() })
 */
export const localStorageStorage = (): TokenStorage => {
  try {
    const storage = globalThis.localStorage
    const probe = "kommies:probe"
    storage.setItem(probe, probe)
    storage.removeItem(probe)
    return storage
  } catch {
    return memoryStorage()
  }
}
