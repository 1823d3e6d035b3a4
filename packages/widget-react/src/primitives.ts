/**
 * @kommies/widget-react/primitives: the unstyled parts `<Comments>` is made
 * of. They render semantic, accessible HTML with no class names of their own
 * (pass `className` and `classes`), and read the client from the nearest
 * `<KommiesProvider>`; those that act take the `useThread` result.
 *
 * @since 0.1.0
 */
export { Avatar, type AvatarProps } from "./primitives/Avatar.js"
export { CommentBody, type CommentBodyProps } from "./primitives/CommentBody.js"
export { CommentItem, type CommentItemProps } from "./primitives/CommentItem.js"
export { CommentList, type CommentListProps } from "./primitives/CommentList.js"
export { CommentMeta, type CommentMetaProps } from "./primitives/CommentMeta.js"
export { Composer, type ComposerProps } from "./primitives/Composer.js"
export { LoadMore, type LoadMoreProps } from "./primitives/LoadMore.js"
export { ModeratorActions, type ModeratorActionsProps } from "./primitives/ModeratorActions.js"
export { NewCommentsNotice, type NewCommentsNoticeProps } from "./primitives/NewCommentsNotice.js"
export { ReplyButton, type ReplyButtonProps } from "./primitives/ReplyButton.js"
export { SignIn, type SignInProps } from "./primitives/SignIn.js"
export { SortMenu, type SortMenuProps } from "./primitives/SortMenu.js"
export { ThreadLocked, type ThreadLockedProps } from "./primitives/ThreadLocked.js"
export { VoteButtons, type VoteButtonsProps } from "./primitives/VoteButtons.js"
