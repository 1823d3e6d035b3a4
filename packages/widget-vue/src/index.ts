/**
 * @kommies/widget-vue: Kommies comments for Vue 3. `Comments` and
 * `CommentCount` (styled by `@kommies/widget-vue/styles.css`), composables
 * over the `@kommies/client` stores (`useThread`, `useCommenter`,
 * `useCommentCount`), and `loadThread` for server rendering. Unstyled
 * building blocks are in `@kommies/widget-vue/primitives`.
 *
 * @since 0.1.0
 */
export { loadThread } from "@kommies/client"
export { CommentCount } from "./CommentCount.js"
export { Comments } from "./Comments.js"
export { KommiesProvider, useKommies } from "./KommiesProvider.js"
export { type UseCommenterResult, useCommenter } from "./useCommenter.js"
export { useCommentCount } from "./useCommentCount.js"
export { type UseThreadOptions, type UseThreadResult, useThread } from "./useThread.js"
