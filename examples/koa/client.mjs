// The page's script: renders the Solid <Comments> (bundled by esbuild when the
// server starts, see server.mjs; no JSX, so no Solid compiler needed).
// ?theme=dark and ?locale=ar switch the look.
import { catalog as ar } from "@kommies/client/locales/ar"
import { Comments } from "@kommies/widget-solid"
import { createComponent } from "solid-js"
import { render } from "solid-js/web"

const query = new URLSearchParams(location.search)
const root = document.getElementById("comments")
const { site, page, baseUrl } = root.dataset
const locale = query.get("locale") === "ar" ? "ar" : "en"
root.replaceChildren()
render(
  () =>
    createComponent(Comments, {
      site,
      page,
      baseUrl,
      theme: query.get("theme") === "dark" ? "dark" : "light",
      locale,
      catalog: locale === "ar" ? ar : undefined,
    }),
  root,
)
