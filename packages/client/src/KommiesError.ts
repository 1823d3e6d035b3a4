/**
 * The one error class of the client: every failed call rejects with it.
 *
 * @since 0.1.0
 */
import type { Problem } from "./Models.js"

/**
 * A failed API call. `status` is the HTTP status (0 when the server could not
 * be reached), `code` the server's stable problem code (`network` when there
 * was no answer, `http_<status>` when the answer was not a problem), `detail`
 * a sentence for people.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * try {
 *   await client.vote(id, "up")
 * } catch (error) {
 *   if (error instanceof KommiesError && error.code === "rate_limited") wait(error.retryAfter)
 * }
 */
export class KommiesError extends Error {
  /** HTTP status; 0 for network failures. */
  declare readonly status: number
  /** Stable, machine-readable. */
  declare readonly code: string
  declare readonly detail: string
  /** The problem body, when the server sent one. */
  declare readonly problem: Problem | null
  /** Seconds to wait before trying again (429), when the server said. */
  declare readonly retryAfter: number | null

  constructor(status: number, code: string, detail: string, problem: Problem | null = null) {
    super(detail)
    Object.assign(this, {
      name: "KommiesError",
      status,
      code,
      detail,
      problem,
      retryAfter: problem?.retryAfter ?? null,
    })
  }
}

/** The KommiesError of a failed response. @since 0.1.0 @category errors */
export const errorOf = async (response: Response): Promise<KommiesError> => {
  let problem: Problem | null = null
  try {
    const body = await response.json()
    if (typeof body?.code === "string") problem = body
  } catch {}
  return new KommiesError(
    response.status,
    problem?.code ?? `http_${response.status}`,
    problem?.detail ?? response.statusText,
    problem,
  )
}
