/**
 * @kommies/widget-solid: Kommies comments for Solid. `<Comments site page />`
 * and `<CommentCount site page />` (styled by `@kommies/widget-solid/styles.css`),
 * the hooks they are made of, and `loadThread` for server rendering. Unstyled
 * building blocks are in `@kommies/widget-solid/primitives`; `embed.js` and
 * `count.js` put comments on any page without a build.
 *
 * @since 0.1.0
 */
export { type InitialThread, loadThread } from "@kommies/client"
export { CommentCount, type CommentCountProps } from "./CommentCount.js"
export { Comments, type CommentsProps } from "./Comments.js"
export {
  type KommiesContextValue,
  KommiesProvider,
  type KommiesProviderProps,
  useKommies,
} from "./KommiesProvider.js"
export { useCommentCount } from "./useCommentCount.js"
export { type UseCommenterResult, useCommenter } from "./useCommenter.js"
export { type UseThreadOptions, type UseThreadResult, useThread } from "./useThread.js"
