/**
 * Port: rate limiting by key (sliding window).
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { StoreError } from "../Errors.js"

/** @since 0.1.0 @category models */
export interface RateLimitDecision {
  readonly allowed: boolean
  readonly limit: number
  readonly remaining: number
  /** Milliseconds until the window lets the next request through. */
  readonly resetMs: number
}

/** @since 0.1.0 @category ports */
export interface RateLimiterShape {
  /** Counts one hit against `key` if it fits in `limit` per `windowMs`, atomically. */
  readonly consume: (
    key: string,
    limit: number,
    windowMs: number,
  ) => Effect.Effect<RateLimitDecision, StoreError>
}

/** @since 0.1.0 @category ports */
export class RateLimiter extends Context.Tag("@kommies/core/RateLimiter")<
  RateLimiter,
  RateLimiterShape
>() {}
