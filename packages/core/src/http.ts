/**
 * @kommies/core/http: the Kommies HTTP API, defined once with @effect/platform
 * HttpApi, and the web-standard handler that serves it.
 *
 * @since 0.1.0
 */

/** `makeHandler`: the API as `(Request) => Promise<Response>`, and its options. @since 0.1.0 */
export {
  type HandlerOptions,
  type KommiesHandler,
  makeHandler,
  type RequestContext,
} from "./http/Handler.js"
/** The API definition: `KommiesApi` and its groups. @since 0.1.0 */
export {
  AuthGroup,
  CommentsGroup,
  KommiesApi,
  ModerationGroup,
  OpsGroup,
  OwnerGroup,
} from "./http/Api.js"
/** Who is calling: `Caller`, the middlewares and the host identity. @since 0.1.0 */
export * as Caller from "./http/Caller.js"
export type { HostIdentity } from "./http/Caller.js"
/** The error body of every response: problem+json with a stable `code`. @since 0.1.0 */
export * as Problem from "./http/Problem.js"
/** Request schemas: paths, queries, bodies. @since 0.1.0 */
export * as Requests from "./http/Requests.js"
/** Response schemas. @since 0.1.0 */
export * as Responses from "./http/Responses.js"
/** The OpenAPI document and the docs page. @since 0.1.0 */
export * as Docs from "./http/Docs.js"
/** The handler's settings as routes see them. @since 0.1.0 */
export * as HttpConfig from "./http/Config.js"
/** Server-Sent Events of a thread. @since 0.1.0 */
export * as Realtime from "./http/Realtime.js"
