/**
 * @kommies/core/http: the Kommies HTTP API, defined once with @effect/platform
 * HttpApi, and the web-standard handler that serves it.
 *
 * @since 0.1.0
 */
export {}
