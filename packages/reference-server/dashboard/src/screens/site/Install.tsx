/** How to put the site's comments on a page: embed.js, React, Vue, Solid. */
import { useId } from "react"
import { config } from "../../api/client.js"
import { CopyButton } from "../../ui/CopyButton.js"
import { Title } from "../../ui/Title.js"
import type { SiteProps } from "../SiteLayout.js"

/** The snippets for a public key on this server. */
export const snippets = (publicKey: string, publicUrl: string, apiBase: string) => {
  const api = new URL(apiBase, `${publicUrl}/`).href.replace(/\/$/, "")
  const component = (pkg: string) =>
    [
      `// npm i ${pkg}`,
      `import { Comments } from "${pkg}"`,
      `import "${pkg}/styles.css"`,
      "",
      `<Comments site="${publicKey}" page="/post/1" baseUrl="${api}" />`,
    ].join("\n")
  return [
    {
      id: "script",
      title: "Any page: the script tag",
      text: [
        `<div data-kommies-site="${publicKey}" data-kommies-base-url="${api}" data-kommies-live></div>`,
        `<script src="${publicUrl}/embed.js" async></script>`,
      ].join("\n"),
      note: "Comments go where the div is; the thread is the page's path (set data-kommies-page to choose another). data-kommies-live shows who reads and who is typing.",
    },
    { id: "react", title: "React", text: component("@kommies/widget-react"), note: "" },
    {
      id: "vue",
      title: "Vue",
      text: [
        "<!-- npm i @kommies/widget-vue -->",
        "<script setup>",
        'import { Comments } from "@kommies/widget-vue"',
        'import "@kommies/widget-vue/styles.css"',
        "</script>",
        "",
        "<template>",
        `  <Comments site="${publicKey}" page="/post/1" base-url="${api}" />`,
        "</template>",
      ].join("\n"),
      note: "",
    },
    { id: "solid", title: "Solid", text: component("@kommies/widget-solid"), note: "" },
  ] as const
}

const Snippet = ({ title, text, note }: { title: string; text: string; note: string }) => {
  const id = useId()
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {note ? <p className="muted">{note}</p> : null}
      <label className="visually-hidden" htmlFor={`${id}-code`}>
        {title} snippet
      </label>
      <textarea
        id={`${id}-code`}
        className="snippet"
        readOnly
        spellCheck={false}
        rows={text.split("\n").length}
        value={text}
        onFocus={(event) => event.currentTarget.select()}
      />
      <CopyButton text={text} label={`Copy ${title} snippet`} />
    </section>
  )
}

export const Install = ({ site }: SiteProps) => {
  const { publicUrl, apiBase } = config()
  return (
    <>
      <Title>Install</Title>
      <p>
        Public key <code>{site.publicKey}</code>. Pages must be served from an allowed origin
        {site.allowedOrigins.length > 0
          ? `: ${site.allowedOrigins.join(", ")}`
          : " (none yet: add them in Settings)"}
        .
      </p>
      {snippets(site.publicKey, publicUrl, apiBase).map((s) => (
        <Snippet key={s.id} title={s.title} text={s.text} note={s.note} />
      ))}
    </>
  )
}
