// The browser side of the page: hydrates the server-rendered <Comments> with
// the same props (bundled by esbuild when the server starts, see server.mjs).
import { catalog as ar } from "@kommies/client/locales/ar"
import { Comments } from "@kommies/widget-vue"
import { createSSRApp, h } from "vue"

const props = JSON.parse(document.getElementById("kommies-props").textContent)
if (props.locale === "ar") props.catalog = ar
createSSRApp(() => h(Comments, props)).mount("#comments")
