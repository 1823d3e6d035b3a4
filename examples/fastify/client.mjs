// The page's script: mounts the Vue <Comments> (bundled by esbuild when the
// server starts, see server.mjs). ?theme=dark and ?locale=ar switch the look.
import { catalog as ar } from "@kommies/client/locales/ar"
import { Comments } from "@kommies/widget-vue"
import { createApp, h } from "vue"

const query = new URLSearchParams(location.search)
const { site, page, baseUrl } = document.getElementById("comments").dataset
const locale = query.get("locale") === "ar" ? "ar" : "en"
createApp(() =>
  h(Comments, {
    site,
    page,
    baseUrl,
    theme: query.get("theme") === "dark" ? "dark" : "light",
    locale,
    catalog: locale === "ar" ? ar : undefined,
  }),
).mount("#comments")
