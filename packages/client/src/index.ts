/**
 * @kommies/client: the headless Kommies client for browsers and Node (SSR).
 * A typed API client with the commenter's session, a normalized thread store
 * with optimistic writes and realtime, i18n helpers and avatars. No framework,
 * no Effect, no dependencies. Locales are separate modules
 * (`@kommies/client/locales/de`); the stylesheet is `@kommies/client/styles.css`.
 *
 * @since 0.1.0
 */
export {
  type AuthSnapshot,
  type ClientOptions,
  createClient,
  type FetchLike,
  type KommiesClient,
  type RequestOptions,
  type Verdict,
} from "./Client.js"
export {
  type EventStreamOptions,
  type EventStreamTarget,
  type LiveStatus,
  openEventStream,
  readEventStream,
  type StreamEvent,
} from "./EventStream.js"
export { errorOf, KommiesError } from "./KommiesError.js"
export type * from "./Models.js"
export { localStorageStorage, memoryStorage, type TokenStorage } from "./Storage.js"
export {
  createThreadStore,
  type InitialThread,
  loadThread,
  type PostOptions,
  remainingReplies,
  themeOf,
  type ThreadState,
  type ThreadStore,
  type ThreadStoreOptions,
} from "./ThreadStore.js"
export {
  type Catalog,
  createTranslator,
  dirOf,
  type Message,
  type MessageKey,
  type Messages,
  type MessageVars,
  type PluralMessage,
  type Translate,
  timeAgo,
} from "./I18n.js"
export { type AvatarOptions, avatarUrl, identicon } from "./Avatar.js"
