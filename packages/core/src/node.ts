/**
 * @kommies/core/node: the one bridge from Node's IncomingMessage/ServerResponse
 * to the web-standard handler, shared by every adapter.
 *
 * @since 0.1.0
 */
export {}
