/** examples/koa and examples/static (both Koa), started as `npm start` would: see exampleSmoke.ts. */
import { runExampleSmoke } from "../../core/test/node/exampleSmoke.js"

runExampleSmoke("koa")
runExampleSmoke("static")
