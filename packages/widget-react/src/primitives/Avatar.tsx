/**
 * `<Avatar>`: a commenter's picture, or their identicon.
 *
 * @since 0.1.0
 */
import type { PublicCommenter } from "@kommies/client"
import { avatarUrl } from "@kommies/client"
import type { ComponentPropsWithoutRef } from "react"

/** @since 0.1.0 @category models */
export interface AvatarProps extends Omit<ComponentPropsWithoutRef<"img">, "src"> {
  /** Null for a deleted comment: a neutral identicon. */
  readonly commenter: PublicCommenter | null | undefined
  /** Pixels; default 40. The image reserves its size, so nothing shifts. */
  readonly size?: number
}

/**
 * The uploaded picture, or a generated identicon (no request). Decorative
 * (`alt=""`): the name is always next to it.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <Avatar commenter={comment.author} size={40} />
 */
export function Avatar({ commenter, size = 40, ...props }: AvatarProps) {
  return (
    <img
      src={avatarUrl(commenter, { size })}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      decoding="async"
      {...props}
    />
  )
}
