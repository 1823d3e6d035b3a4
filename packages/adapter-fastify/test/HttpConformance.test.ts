/**
 * The published HTTP conformance suite through Fastify 5: the real API
 * registered with `app.register(kommies, { prefix, instance })`, with no parser
 * at all at the root, and with Fastify's own JSON parser there.
 */
import { HttpConformance } from "@kommies/core/testing"
import Fastify from "fastify"
import { kommies } from "../src/index.js"

HttpConformance.run("fastify", async ({ instance, prefix, mountJsonParser }) => {
  const app = Fastify()
  // Fastify parses JSON at the root by default; the plugin's context has none either way.
  if (!mountJsonParser) app.removeAllContentTypeParsers()
  await app.register(kommies, { prefix, instance })
  const url = await app.listen({ port: 0, host: "127.0.0.1" })
  return {
    url,
    close: async () => {
      app.server.closeAllConnections()
      await app.close()
    },
  }
})
