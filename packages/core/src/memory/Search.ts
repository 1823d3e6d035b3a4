/**
 * CommentStore search in memory: walks the site's comment ids newest first and
 * checks each comment's words (and its author's name) against the query. An
 * in-process store may scan; the walk still stops after a fixed number of
 * comments per call and hands back a cursor, as the other stores do.
 *
 * @since 0.1.0
 */
import type { Comment } from "../domain/Comment.js"
import * as Search from "../domain/Search.js"
import type { CommenterId, CommentId } from "../Ids.js"
import type { SearchOptions, SearchPage } from "../ports/CommentStore.js"
import { pageSize } from "./SortedIds.js"
import type { SiteData } from "./State.js"

/**
 * The most comments one call examines.
 *
 * @since 0.1.0
 * @category limits
 */
export const maxExamined = 20_000

/**
 * A page of `data`'s comments matching every word of `words`.
 *
 * @since 0.1.0
 * @category queries
 */
export const search = (
  data: SiteData | undefined,
  words: ReadonlyArray<string>,
  options: SearchOptions,
): SearchPage => {
  const limit = pageSize(options.limit)
  if (data === undefined || limit === 0 || words.length === 0) {
    return { comments: [], cursor: null }
  }
  const byName = new Map<CommenterId, boolean>()
  const authorMatches = (id: CommenterId): boolean => {
    let hit = byName.get(id)
    if (hit === undefined) {
      const author = data.commenters.get(id)
      hit = author !== undefined && Search.matchesAll(words, Search.words(author.displayName))
      byName.set(id, hit)
    }
    return hit
  }
  const found: Array<Comment> = []
  let examined = 0
  let last: CommentId | null = null
  for (const id of data.commentIds.descending(options.cursor)) {
    if (found.length === limit || examined === maxExamined) return { comments: found, cursor: last }
    examined++
    last = id
    const comment = data.comments.get(id)
    if (comment === undefined) continue
    if (authorMatches(comment.authorId) || Search.matchesAll(words, Search.words(comment.body))) {
      found.push(comment)
    }
  }
  return { comments: found, cursor: null }
}
