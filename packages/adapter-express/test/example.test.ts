/** examples/express, started as `npm start` would: see exampleSmoke.ts. */
import { runExampleSmoke } from "../../core/test/node/exampleSmoke.js"

runExampleSmoke("express")
