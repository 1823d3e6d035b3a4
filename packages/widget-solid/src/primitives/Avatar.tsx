/**
 * `Avatar`: a commenter's picture.
 *
 * @since 0.1.0
 */
import { avatarUrl, type PublicCommenter } from "@kommies/client"
import type { JSX } from "solid-js"

/** @since 0.1.0 @category models */
export interface AvatarProps {
  /** Null for a deleted comment: a neutral identicon. */
  readonly commenter: Pick<PublicCommenter, "id" | "avatarUrl"> | null | undefined
  /** Pixels; default 40. */
  readonly size?: number
  readonly class?: string
}

/**
 * The commenter's uploaded picture, or an identicon drawn from their id. Its
 * size is reserved (`width`/`height`) so nothing moves when it loads; it is
 * decorative (`alt=""`): the name is always next to it.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <Avatar commenter={comment.author} size={32} class="kommies-comment__avatar" />
 */
export const Avatar = (props: AvatarProps): JSX.Element => (
  <img
    class={props.class}
    src={avatarUrl(props.commenter, { size: props.size ?? 40 })}
    width={props.size ?? 40}
    height={props.size ?? 40}
    alt=""
  />
)
