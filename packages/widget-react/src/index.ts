/**
 * @kommies/widget-react: Kommies comments for React 18 and 19. `<Comments>`
 * and `<CommentCount>` (styled by `@kommies/widget-react/styles.css`), hooks
 * over the `@kommies/client` stores (`useThread`, `useCommenter`,
 * `useCommentCount`), and `loadThread` for server rendering. Unstyled
 * building blocks are in `@kommies/widget-react/primitives`.
 *
 * @since 0.1.0
 */
export { loadThread } from "@kommies/client"
export { CommentCount, type CommentCountProps } from "./CommentCount.js"
export { Comments, type CommentsProps } from "./Comments.js"
export { KommiesProvider, type KommiesProviderProps, useKommies } from "./KommiesProvider.js"
export { type UseCommenterResult, useCommenter } from "./useCommenter.js"
export { useCommentCount } from "./useCommentCount.js"
export { type UseThreadOptions, type UseThreadResult, useThread } from "./useThread.js"
