// @vitest-environment node
/** examples/static (a plain page with embed.js and count.js) in Chromium: see ../../../client/test/browser/harness.ts. */
import { browserSuite } from "../../../client/test/browser/harness.js"

browserSuite("static", { label: "embed.js", counts: true })
