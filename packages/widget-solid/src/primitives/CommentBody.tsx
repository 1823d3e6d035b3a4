/**
 * `CommentBody`: a comment's text, as the server rendered it.
 *
 * @since 0.1.0
 */
import type { JSX } from "solid-js"

/** @since 0.1.0 @category models */
export interface CommentBodyProps {
  /** `comment.html`, or `client.preview(markdown)`. */
  readonly html: string
}

/**
 * Renders the comment's HTML with `innerHTML`. This is safe because that HTML
 * never comes from the page: the Kommies server renders a comment's Markdown
 * on write to a small safe subset (paragraphs, emphasis, code, lists, quotes,
 * http/https/mailto links with `rel="nofollow ugc noopener"`; raw HTML is
 * escaped, never passed through), and checks that against XSS corpora in its
 * tests. The only HTML the client makes itself is the stand-in of a comment
 * being sent, built from escaped text.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <CommentBody html={comment.html} />
 */
export const CommentBody = (props: CommentBodyProps): JSX.Element => (
  <div class="kommies-comment__body" innerHTML={props.html} />
)
