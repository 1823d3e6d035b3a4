/**
 * Port: an outside opinion on whether a comment is spam (Akismet-style).
 * Core's own heuristics run first; this is optional.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"

/** @since 0.1.0 @category models */
export interface SpamCheckInput {
  readonly siteId: string
  readonly body: string
  readonly authorName: string
  readonly authorEmail: string | null
  readonly ip: string | null
  readonly userAgent: string | null
  readonly pageUrl: string | null
}

/** @since 0.1.0 @category models */
export type SpamVerdict = "ham" | "spam" | "unsure"

/** @since 0.1.0 @category ports */
export interface SpamCheckerShape {
  /** Never fails: a checker that cannot answer says `unsure`. */
  readonly check: (input: SpamCheckInput) => Effect.Effect<SpamVerdict>
}

/** @since 0.1.0 @category ports */
export class SpamChecker extends Context.Tag("@kommies/core/SpamChecker")<
  SpamChecker,
  SpamCheckerShape
>() {}

/** A checker with no opinion: everything is `unsure`. @since 0.1.0 @category layers */
export const layerNone: Layer.Layer<SpamChecker> = Layer.succeed(SpamChecker, {
  check: () => Effect.succeed("unsure" as const),
})
