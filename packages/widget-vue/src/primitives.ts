/**
 * @kommies/widget-vue/primitives: the unstyled parts `Comments` is made of.
 * They render semantic, accessible HTML with no class names of their own
 * (pass `class` and `classes`), and read the client from the nearest
 * `KommiesProvider`; those that act take the `useThread` result.
 *
 * @since 0.1.0
 */
export { Avatar } from "./primitives/Avatar.js"
export { CommentBody } from "./primitives/CommentBody.js"
export { CommentItem } from "./primitives/CommentItem.js"
export { CommentList } from "./primitives/CommentList.js"
export { CommentMeta } from "./primitives/CommentMeta.js"
export { Composer } from "./primitives/Composer.js"
export { LoadMore } from "./primitives/LoadMore.js"
export { ModeratorActions } from "./primitives/ModeratorActions.js"
export { NewCommentsNotice } from "./primitives/NewCommentsNotice.js"
export { ReplyButton } from "./primitives/ReplyButton.js"
export { SignIn } from "./primitives/SignIn.js"
export { SortMenu } from "./primitives/SortMenu.js"
export { ThreadLocked } from "./primitives/ThreadLocked.js"
export { VoteButtons } from "./primitives/VoteButtons.js"
