/**
 * VoteStore on Redis: votes in a hash per comment (voter → `u`/`d`); a swap is
 * one script that moves the vote, the counts, the score and its `top` index
 * entry, and the author's karma, only if the vote is still what core saw.
 *
 * @since 0.1.0
 */
import type { Ids, Vote, VoteStore } from "@kommies/core"
import { Effect } from "effect"
import { packId } from "../encoding.js"
import { site, siteBase } from "../keys.js"
import { run, script } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

const toCode = (v: Vote.VoteState): string => (v === "up" ? "u" : v === "down" ? "d" : "")
const fromCode = (code: unknown): Vote.VoteState =>
  code === "u" ? "up" : code === "d" ? "down" : null

/**
 * The Redis VoteStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): VoteStore.VoteStoreShape => {
  const baseOf = (siteId: string) => siteBase(conn.prefix, siteId)
  return {
    get: (siteId, commentId, voterId) =>
      run(conn, "VoteStore.get", (c) =>
        c.hget(baseOf(siteId) + site.votes(packId(commentId)), voterId),
      ).pipe(Effect.map(fromCode)),

    swap: (swap) => {
      const base = baseOf(swap.siteId)
      return script(conn, "VoteStore.swap", "kmVoteSwap", [
        base + site.votes(packId(swap.commentId)),
        base,
        packId(swap.commentId),
        swap.voterId,
        toCode(swap.expected),
        toCode(swap.next),
        swap.upDelta,
        swap.downDelta,
        swap.karmaDelta,
        swap.authorId,
      ]).pipe(
        Effect.map((reply): VoteStore.VoteSwapResult => {
          const [tag, a, b] = reply as [string, unknown, unknown]
          return tag === "stale"
            ? { _tag: "Stale", current: fromCode(a) }
            : { _tag: "Swapped", upvotes: Number(a), downvotes: Number(b) }
        }),
      )
    },

    listByComment: (siteId, commentId) =>
      run(conn, "VoteStore.listByComment", (c) =>
        c.hgetall(baseOf(siteId) + site.votes(packId(commentId))),
      ).pipe(
        Effect.map((votes) =>
          Object.entries(votes).flatMap(([voterId, code]) => {
            const direction = fromCode(code)
            // The vote hash keeps directions only, not when they were cast.
            return direction === null
              ? []
              : [{ voterId: voterId as Ids.CommenterId, direction, at: null }]
          }),
        ),
      ),

    forVoter: (siteId, voterId, commentIds) => {
      const out = new Map<Ids.CommentId, "up" | "down">()
      if (commentIds.length === 0) return Effect.succeed(out)
      const base = baseOf(siteId)
      return script(conn, "VoteStore.forVoter", "kmVoteForVoter", [
        base + site.votes(packId(commentIds[0] as string)),
        base,
        voterId,
        ...commentIds.map(packId),
      ]).pipe(
        Effect.map((reply) => {
          const codes = reply as Array<string>
          commentIds.forEach((id, i) => {
            const vote = fromCode(codes[i])
            if (vote !== null) out.set(id, vote)
          })
          return out
        }),
      )
    },
  }
}
