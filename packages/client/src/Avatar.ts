/**
 * Avatars: the commenter's uploaded picture, or an identicon drawn from their
 * id. (Gravatar needs an md5 of the email, and the server never sends
 * commenters' emails to the page.)
 *
 * @since 0.1.0
 */

/** @since 0.1.0 @category models */
export interface AvatarOptions {
  /** Pixels; default 40. */
  readonly size?: number
}

/**
 * A deterministic identicon for any string: a symmetric 5×5 pattern in a hue
 * of its own, as an SVG `data:` URI (no request, works offline and in SSR).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * identicon(commenter.id, 48) // "data:image/svg+xml,…"
 */
export const identicon = (seed: string, size = 40): string => {
  // FNV-1a, 32 bits: the low 15 bits draw the pattern, the high bits pick the hue.
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193)
  const hue = (hash >>> 17) % 360
  let path = ""
  for (let i = 0; i < 15; i++) {
    if (!((hash >>> i) & 1)) continue
    const x = Math.floor(i / 5)
    const y = i % 5
    path += `M${x} ${y}h1v1h-1z`
    if (x < 2) path += `M${4 - x} ${y}h1v1h-1z`
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 5 5">` +
    `<rect width="5" height="5" fill="hsl(${hue} 40% 92%)"/>` +
    `<path fill="hsl(${hue} 55% 42%)" d="${path}"/></svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}

/**
 * The picture to show for a commenter: their uploaded `avatarUrl`, or their
 * identicon. A deleted comment (no author) gets a neutral one.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * <img src={avatarUrl(comment.author, { size: 40 })} width={40} height={40} alt="" />
 */
export const avatarUrl = (
  commenter: { readonly id: string; readonly avatarUrl?: string | null } | null | undefined,
  { size = 40 }: AvatarOptions = {},
): string => commenter?.avatarUrl || identicon(commenter?.id ?? "", size)
