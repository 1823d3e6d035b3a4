// Modules the rollup config makes at build time (see rollup.config.mjs).
declare module "virtual:kommies/count-messages" {
  import type { Message } from "@kommies/client"
  /** Each shipped catalog's "thread.count" message, by locale. */
  const messages: Record<string, Message>
  export default messages
}
