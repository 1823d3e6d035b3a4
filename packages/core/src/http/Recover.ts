/**
 * The API-wide middleware: answers CORS preflights, and turns every failure
 * into a problem response — service errors with their code, decoding errors
 * as 400 `bad_request`, unknown routes as 404, wrong methods as 405. A defect
 * is logged and answered 500 `internal`; no input should ever reach that.
 *
 * @since 0.1.0
 */
import {
  HttpApiBuilder,
  type HttpApp,
  HttpServerRequest,
  HttpServerResponse,
} from "@effect/platform"
import { Cause, type Context, Effect, Option } from "effect"
import type { Services } from "../Kommies.js"
import * as Sites from "../services/Sites.js"
import { KommiesApi } from "./Api.js"
import { HttpConfig } from "./Config.js"
import * as Cors from "./Cors.js"
import * as Problem from "./Problem.js"
import { methodsOf } from "./Routes.js"

const pathOf = (url: string) => {
  const at = url.indexOf("?")
  return at === -1 ? url : url.slice(0, at)
}

/** Schema's messages of a decoding failure, one per issue, with where it is. */
const decodeDetail = (failure: object): string => {
  const { issues, message } = failure as {
    readonly issues?: ReadonlyArray<{
      readonly path: ReadonlyArray<unknown>
      readonly message: string
    }>
    readonly message?: string
  }
  if (issues === undefined || issues.length === 0) return message ?? "Bad request"
  return issues
    .slice(0, 10)
    .map((issue) =>
      issue.path.length === 0
        ? issue.message
        : `${issue.path.map(String).join(".")}: ${issue.message}`,
    )
    .join("; ")
}

/** The problem for a typed failure of the app. */
const problemOf = (
  failure: unknown,
  request: HttpServerRequest.HttpServerRequest,
): { readonly problem: Problem.Problem; readonly headers: Record<string, string> } => {
  if (failure instanceof Problem.Problem) return { problem: failure, headers: {} }
  if (Problem.isKommiesError(failure)) return { problem: Problem.fromError(failure), headers: {} }
  const tag =
    typeof failure === "object" && failure !== null && "_tag" in failure ? failure._tag : null
  if (tag === "HttpApiDecodeError")
    return {
      problem: Problem.make(400, "bad_request", decodeDetail(failure as object)),
      headers: {},
    }
  if (tag === "RouteNotFound") {
    const methods = methodsOf(pathOf(request.url))
    return methods.length === 0 || methods.includes(request.method)
      ? { problem: Problem.make(404, "not_found", `No route ${pathOf(request.url)}`), headers: {} }
      : {
          problem: Problem.make(
            405,
            "method_not_allowed",
            `${request.method} is not allowed here; use ${methods.join(", ")}`,
          ),
          headers: { allow: methods.join(", ") },
        }
  }
  if (tag === "RequestError")
    return {
      problem: Problem.make(400, "bad_request", "The request body could not be read"),
      headers: {},
    }
  return { problem: Problem.make(500, "internal", "Something went wrong on our side"), headers: {} }
}

const respond = (problem: Problem.Problem, headers: Record<string, string>) =>
  HttpServerResponse.unsafeJson(problem, {
    status: problem.status,
    contentType: Problem.contentType,
    headers: { ...Problem.headersOf(problem), ...headers },
  })

const preflight = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.gen(function* () {
    const methods = methodsOf(pathOf(request.url))
    if (methods.length === 0)
      return respond(Problem.make(404, "not_found", `No route ${pathOf(request.url)}`), {})
    const config = yield* HttpConfig
    const at = request.url.indexOf("?")
    const key = at === -1 ? null : new URLSearchParams(request.url.slice(at + 1)).get("key")
    // Without a key the site is unknown: allow the preflight; the request
    // itself is checked against the site (writes from refused origins fail).
    const site =
      key === null
        ? null
        : yield* Sites.byPublicKey(key).pipe(
            Effect.map((s) => s as typeof s | null),
            Effect.orElseSucceed(() => null),
          )
    const verdict = Cors.decide(request, site, config.trustProxy)
    const origin = request.headers.origin ?? ""
    return HttpServerResponse.empty({
      status: 204,
      headers: {
        allow: [...methods, "OPTIONS"].join(", "),
        vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        ...(verdict === "allowed"
          ? {
              "access-control-allow-origin": origin,
              "access-control-allow-methods": [...methods, "OPTIONS"].join(", "),
              "access-control-allow-headers": Cors.allowedHeaders,
              "access-control-max-age": "600",
            }
          : {}),
      },
    })
  })

const recover = <E, R>(
  app: HttpApp.Default<E, R>,
  context: Context.Context<Services | HttpConfig>,
) =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    // Only a preflight needs the services here (to find the site).
    if (request.method === "OPTIONS") return yield* Effect.provide(preflight(request), context)
    return yield* app
  }).pipe(
    Effect.catchAllCause((cause) =>
      Effect.gen(function* () {
        const request = yield* HttpServerRequest.HttpServerRequest
        const failure = Cause.failureOption(cause)
        if (Option.isNone(failure) && Cause.isInterruptedOnly(cause))
          return respond(Problem.make(503, "interrupted", "The request was interrupted"), {})
        const { problem, headers } = Option.isSome(failure)
          ? problemOf(failure.value, request)
          : {
              problem: Problem.make(500, "internal", "Something went wrong on our side"),
              headers: {},
            }
        if (problem.status >= 500 && problem.code === "internal")
          yield* Effect.logError(`kommies: ${request.method} ${pathOf(request.url)} failed`, cause)
        return respond(problem, headers)
      }),
    ),
  )

/**
 * The API-wide middleware as a Layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = HttpApiBuilder.middleware(
  KommiesApi,
  Effect.map(
    Effect.context<Services | HttpConfig>(),
    (context) => (app: HttpApp.Default) => recover(app, context),
  ),
)
