// Modules the rollup config makes at build time (see rollup.config.mjs, rollup.parts.mjs).
declare module "virtual:kommies/count-messages" {
  import type { Message } from "@kommies/client"
  /** Each shipped catalog's "thread.count" message, by locale. */
  const messages: Record<string, Message>
  export default messages
}

declare module "virtual:kommies/shared" {
  /** embed.js: the bindings its parts import, by module (see internal/lazy.ts). */
  const shared: () => Record<string, unknown>
  export default shared
}
