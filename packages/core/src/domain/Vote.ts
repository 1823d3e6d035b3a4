/**
 * A vote: one commenter's up or down on one comment.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** @since 0.1.0 @category models */
export const VoteDirection = Schema.Literal("up", "down")
/** @since 0.1.0 @category models */
export type VoteDirection = typeof VoteDirection.Type

/** What a commenter's vote on a comment is now: a direction, or none. @since 0.1.0 @category models */
export type VoteState = VoteDirection | null
