/**
 * @kommies/core/node: the one bridge from Node's IncomingMessage/ServerResponse
 * to the web-standard handler, shared by every adapter.
 *
 * - {@link nodeHandler}: a web handler as `(req, res, input?) => Promise<void>`.
 * - {@link toRequest} and {@link writeResponse}: the two halves, for servers that
 *   want to do something in between.
 * - {@link plainRequest} and {@link writePlain}: a handler's fast path, with no web
 *   `Request` or `Response` built.
 *
 * @since 0.1.0
 */
export {
  defaultMaxBodyBytes,
  NodeRequestError,
  type ToRequestOptions,
  toRequest,
} from "./node/NodeRequest.js"
export { disconnectSignal, writeResponse } from "./node/NodeResponse.js"
export {
  type FastPath,
  type PlainRequest,
  type PlainResponse,
  plainRequest,
  writePlain,
} from "./node/NodeFastPath.js"
export {
  type HandlerContext,
  type NodeHandler,
  type NodeHandlerOptions,
  type NodeRequestInput,
  nodeHandler,
  type WebHandler,
  type WebHandlerInstance,
} from "./node/NodeHandler.js"
