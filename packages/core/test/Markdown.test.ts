import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { engine } from "../src/internal/markdownEngine.js"
import { sanitize } from "../src/internal/markdownSanitize.js"
import { countLinks, mentions, render, toPlainText } from "../src/services/Markdown.js"
import { checkHtml } from "./markdownChecks.js"

const a = (href: string, text: string): string =>
  `<a href="${href}" rel="nofollow ugc noopener" target="_blank">${text}</a>`

describe("Markdown.render", () => {
  describe("blocks", () => {
    it("paragraphs, and a single newline is a line break", () => {
      expect(render("one\ntwo\n\nthree")).toBe("<p>one<br>\ntwo</p>\n<p>three</p>")
      expect(render("hard  \nbreak\\\nagain")).toBe("<p>hard<br>\nbreak<br>\nagain</p>")
    })

    it("empty and blank bodies render to nothing", () => {
      expect(render("")).toBe("")
      expect(render("  \n\n \t")).toBe("")
    })

    it("fenced code, with a language class only when it is plain", () => {
      expect(render("```ts\nconst a = 1 < 2\n```")).toBe(
        '<pre><code class="language-ts">const a = 1 &lt; 2\n</code></pre>',
      )
      expect(render("```language-x\nx\n```")).toBe(
        '<pre><code class="language-language-x">x\n</code></pre>',
      )
      expect(render("```C++ extra words\nx\n```")).toBe(
        '<pre><code class="language-c++">x\n</code></pre>',
      )
      expect(render("~~~\nplain\n~~~")).toBe("<pre><code>plain\n</code></pre>")
      for (const info of [
        'x" onclick="alert(1)',
        "a{b}",
        "averyveryveryverylonglanguagename",
        "js&#34;&#62;",
        "ü",
      ]) {
        expect(render(`\`\`\`${info}\ncode\n\`\`\``)).toBe("<pre><code>code\n</code></pre>")
      }
    })

    it("indented code", () => {
      expect(render("    <b>x</b>\n    y")).toBe(
        "<pre><code>&lt;b&gt;x&lt;/b&gt;\ny\n</code></pre>",
      )
    })

    it("unordered, ordered and nested lists", () => {
      expect(render("- a\n- b\n  1. c\n  2. d\n     - e")).toBe(
        "<ul>\n<li>a</li>\n<li>b\n<ol>\n<li>c</li>\n<li>d\n<ul>\n<li>e</li>\n</ul>\n</li>\n</ol>\n</li>\n</ul>",
      )
      expect(render("3. three\n4. four")).toBe(
        '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>',
      )
      expect(render("* loose\n\n* list")).toBe(
        "<ul>\n<li>\n<p>loose</p>\n</li>\n<li>\n<p>list</p>\n</li>\n</ul>",
      )
    })

    it("block quotes, nested, with lists inside", () => {
      expect(render("> a\n>> b\n>> - c")).toBe(
        "<blockquote>\n<p>a</p>\n<blockquote>\n<p>b</p>\n<ul>\n<li>c</li>\n</ul>\n</blockquote>\n</blockquote>",
      )
    })

    it("nesting is capped at 20 levels: deeper content is dropped, tags stay balanced", () => {
      const html = render(`${">".repeat(500)} deep`)
      expect(html.split("<blockquote>").length - 1).toBeLessThanOrEqual(20)
      expect(html.split("<blockquote>").length).toBe(html.split("</blockquote>").length)
    })

    it("headings become bold paragraphs (ATX and setext)", () => {
      expect(render("# Title\n\n### *Sub*")).toBe(
        "<p><strong>Title</strong></p>\n<p><strong><em>Sub</em></strong></p>",
      )
      expect(render("Setext\n===")).toBe("<p><strong>Setext</strong></p>")
    })

    it("no tables and no rules: they stay text", () => {
      expect(render("| a | b |\n|---|---|\n| 1 | 2 |")).toBe(
        "<p>| a | b |<br>\n|---|---|<br>\n| 1 | 2 |</p>",
      )
      expect(render("***")).toBe("<p>***</p>")
    })
  })

  describe("inline", () => {
    it("emphasis, strong, strikethrough and code", () => {
      expect(render("*a* _b_ **c** __d__ ~~e~~ `f <g>`")).toBe(
        "<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> <s>e</s> <code>f &lt;g&gt;</code></p>",
      )
    })

    it("backslash escapes and entities are text", () => {
      expect(render("\\*not em\\* &copy; &#60;b&#62;")).toBe("<p>*not em* © &lt;b&gt;</p>")
    })

    it("no typographic replacements", () => {
      expect(render('"quotes" -- (c) ...')).toBe("<p>&quot;quotes&quot; -- (c) ...</p>")
    })
  })

  describe("links", () => {
    it("http, https and mailto links carry rel and target", () => {
      expect(
        render("[a](https://example.com/x?y=1&z=2) [b](http://example.org) [c](mailto:c@d.e)"),
      ).toBe(
        `<p>${a("https://example.com/x?y=1&amp;z=2", "a")} ${a("http://example.org", "b")} ${a("mailto:c@d.e", "c")}</p>`,
      )
    })

    it("autolinks, reference links and bare URLs", () => {
      expect(render("<https://a.example/p>")).toBe(
        `<p>${a("https://a.example/p", "https://a.example/p")}</p>`,
      )
      expect(render("<me@a.example>")).toBe(`<p>${a("mailto:me@a.example", "me@a.example")}</p>`)
      expect(render("[ref][1]\n\n[1]: https://r.example")).toBe(
        `<p>${a("https://r.example", "ref")}</p>`,
      )
      expect(render("see https://x.example/a_b, or www.example.org.")).toBe(
        `<p>see ${a("https://x.example/a_b", "https://x.example/a_b")}, or ${a("http://www.example.org", "www.example.org")}.</p>`,
      )
      expect(render("write to me@example.com")).toBe(
        `<p>write to ${a("mailto:me@example.com", "me@example.com")}</p>`,
      )
    })

    it("file names and bare host names are not linkified", () => {
      expect(render("edit config.py and node.js, not example.com")).toBe(
        "<p>edit config.py and node.js, not example.com</p>",
      )
    })

    it("link titles are dropped, URLs are normalized", () => {
      expect(render('[t](https://e.example/a "title")')).toBe(
        `<p>${a("https://e.example/a", "t")}</p>`,
      )
      expect(render('[t](<https://e.example/a b> "title")')).toBe(
        `<p>${a("https://e.example/a%20b", "t")}</p>`,
      )
      expect(render("[t](https://e.example/ü)")).toBe(
        `<p>${a("https://e.example/%C3%BC", "t")}</p>`,
      )
    })

    it("refuses every other scheme, relative and protocol-relative URLs: the text stays", () => {
      for (const body of [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](file:///etc/passwd)",
        "[x](ftp://files.example)",
        "[x](//evil.example)",
        "[x](/relative)",
        "[x](relative)",
        "[x](#top)",
        "[x]()",
        "[x](<>)",
        "[x]( )",
        "![x]()",
        "![x](<>)",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript&#x3A;alert(1))",
        "[x](java&#9;script:alert(1))",
        "[x](javascript%3Aalert(1))",
        "[x](https:alert(1))",
        "[x](mailto:nobody)",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "javascript:alert(1) ftp://f.example //g.example",
      ]) {
        const html = render(body)
        expect(html, body).not.toContain("<a ")
        expect(html, body).toMatch(/^<p>/)
      }
    })

    it("images become links to the image, labelled with the alt text", () => {
      expect(render("![a *cat*](https://i.example/cat.png)")).toBe(
        `<p>${a("https://i.example/cat.png", "a cat")}</p>`,
      )
      expect(render("![](https://i.example/cat.png)")).toBe(
        `<p>${a("https://i.example/cat.png", "https://i.example/cat.png")}</p>`,
      )
      expect(render("[![alt](https://i.example/i.png)](https://l.example)")).toBe(
        `<p>${a("https://l.example", "alt")}</p>`,
      )
      expect(render("![x](javascript:alert(1))")).toBe("<p>![x](javascript:alert(1))</p>")
      expect(render("![x](data:image/png;base64,AAAA)")).toBe(
        "<p>![x](data:image/png;base64,AAAA)</p>",
      )
    })

    it("code is never linkified", () => {
      expect(render("`https://a.example`")).toBe("<p><code>https://a.example</code></p>")
      expect(render("```\nhttps://a.example\n```")).toBe(
        "<pre><code>https://a.example\n</code></pre>",
      )
      expect(render("    www.a.example")).toBe("<pre><code>www.a.example\n</code></pre>")
    })
  })

  describe("raw HTML", () => {
    it("is escaped and shows as text", () => {
      expect(render("<script>alert(1)</script>")).toBe(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
      )
      expect(render("a <b onclick=x>b</b> <img src=x onerror=alert(1)>")).toBe(
        "<p>a &lt;b onclick=x&gt;b&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;</p>",
      )
      expect(render("<div>\n*md*\n</div>")).toBe(
        "<p>&lt;div&gt;<br>\n<em>md</em><br>\n&lt;/div&gt;</p>",
      )
      expect(render("<!-- hidden -->")).toBe("<p>&lt;!-- hidden --&gt;</p>")
    })

    it("inside links, lists and quotes too", () => {
      expect(render("[<i>x</i>](https://a.example)")).toBe(
        `<p>${a("https://a.example", "&lt;i&gt;x&lt;/i&gt;")}</p>`,
      )
      expect(render("- <svg onload=alert(1)>\n> <iframe>")).toBe(
        "<ul>\n<li>&lt;svg onload=alert(1)&gt;</li>\n</ul>\n<blockquote>\n<p>&lt;iframe&gt;</p>\n</blockquote>",
      )
    })
  })

  it("is deterministic", () => {
    const body = "# t\n\n[r][1] www.a.example @x\n\n[1]: https://b.example\n\n```js\n1\n```"
    const first = render(body)
    for (let i = 0; i < 5; i++) expect(render(body)).toBe(first)
    // A reference defined in one body never leaks into the next.
    expect(render("[r][1]")).toBe("<p>[r][1]</p>")
  })
})

/** Pieces of Markdown, HTML and URL syntax that random bodies are made of. */
const fragments = [
  ...["[", "]", "(", ")", "![", "](", "<", ">", "`", "```", "*", "_", "~~", "\\", "\n", "\n\n"],
  ...["> ", "- ", "1. ", "    ", "# ", "\t", " ", '"', "'", "=", ":", "/", "//", "@", "&", ";"],
  ...["&#", "&#x", "6A", "106", "&amp;", "&lt;", "&#0;", "\u0000", "\u2028", "x", "alert(1)"],
  ...["javascript:", "JaVaScRiPt:", "data:text/html,", "vbscript:", "mailto:", "https://a.example"],
  ...["http:", "www.example.com", "a@example.org", "<a href=", "<img src=x onerror=", "<script>"],
  ...["</a>", "<svg/onload=", "[r]: ", "[r]", "ü", "\u202e"],
]

describe("render (property)", () => {
  it("any mix of Markdown, HTML and URL syntax renders to the allowlist", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join("")),
        (body) => {
          const raw = engine.render(body)
          expect(checkHtml(render(body)), body).toEqual([])
          expect(sanitize(raw), body).toBe(raw)
        },
      ),
      { numRuns: 3000, seed: 20251122 },
    )
  })
})

describe("allowlist (defence in depth)", () => {
  it("leaves markdown-it's output for the subset unchanged and is idempotent", () => {
    const html = render("*a* [b](https://b.example)\n\n```js\nc\n```\n\n3. d\n\n> e")
    expect(sanitize(html)).toBe(html)
    expect(sanitize(sanitize(html))).toBe(html)
  })

  it("escapes tags outside the allowlist", () => {
    expect(sanitize('<img src="x" onerror="alert(1)">')).toBe(
      '&lt;img src="x" onerror="alert(1)"&gt;',
    )
    expect(sanitize("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;")
    expect(sanitize("<P>x</P><p\nonclick=x>y</p>")).toBe(
      "&lt;P&gt;x&lt;/P&gt;&lt;p\nonclick=x&gt;y&lt;/p&gt;",
    )
  })

  it("drops attributes outside the allowlist and rewrites rel and target", () => {
    expect(sanitize('<p onclick="alert(1)" style="x">a</p>')).toBe("<p>a</p>")
    expect(
      sanitize('<a href="https://a.example" rel="opener" target="_self" onmouseover="x">a</a>'),
    ).toBe(a("https://a.example", "a"))
    expect(sanitize('<code class="language-js onerror">x</code>')).toBe("<code>x</code>")
    expect(sanitize('<ol start="1; x">x</ol>')).toBe("<ol>x</ol>")
  })

  it("unwraps links with an unsafe href, however encoded", () => {
    for (const href of [
      "javascript:alert(1)",
      "&#106;avascript:alert(1)",
      "&#x6A;avascript:alert(1)",
      " javascript:alert(1)",
      "java&#x09;script:alert(1)",
      "https://a.example/&nbsp;",
      "data:text/html,x",
      "//evil.example",
      "/relative",
    ]) {
      expect(sanitize(`<a href="${href}">x</a>`), href).toBe("x")
    }
    expect(sanitize("<a>x</a>")).toBe("x")
  })

  it("balances tags: stray closing tags are text, open ones are closed", () => {
    expect(sanitize("</p><p><em>x")).toBe("&lt;/p&gt;<p><em>x</em></p>")
    expect(sanitize("<p>a</em></p>")).toBe("<p>a&lt;/em&gt;</p>")
  })

  it("escapes stray ampersands and angle brackets in text", () => {
    expect(sanitize("a & b &amp; c &#60; d > e &#xZZ;")).toBe(
      "a &amp; b &amp; c &#60; d &gt; e &amp;#xZZ;",
    )
  })
})

describe("Markdown.countLinks", () => {
  it("counts the links the rendered output contains", () => {
    expect(countLinks("")).toBe(0)
    expect(countLinks("no links, config.py")).toBe(0)
    expect(countLinks("https://a.example www.example.com c@example.org")).toBe(3)
    expect(
      countLinks(
        "[a](https://a.example) [b][r] ![i](https://i.example/i.png)\n\n[r]: https://r.example",
      ),
    ).toBe(3)
    expect(countLinks("[a](https://a.example) [x](javascript:alert(1)) <a href=x>")).toBe(1)
    // Raw HTML is text, and a bare URL in text is a link.
    expect(countLinks("<a href='https://h.example'>")).toBe(1)
    expect(countLinks("`https://a.example`\n\n    https://b.example")).toBe(0)
  })
})

describe("Markdown.toPlainText", () => {
  it("removes the syntax and keeps the text", () => {
    expect(
      toPlainText(
        "# Hi\n\n**bold** and [a link](https://a.example) ![cat](https://i.example/c.png)",
      ),
    ).toBe("Hi\n\nbold and a link cat")
    expect(toPlainText("- a\n- b\n\n> quoted\n\n```\ncode <b>\n```")).toBe(
      "a\nb\n\nquoted\n\ncode <b>",
    )
    expect(toPlainText("line\nbreak &amp; <i>raw</i>")).toBe("line\nbreak & <i>raw</i>")
    expect(toPlainText("")).toBe("")
  })
})

describe("Markdown.mentions", () => {
  it("finds @names outside code, once each, in order", () => {
    expect(mentions("thanks @alice and @Bob, cc @ALICE")).toEqual(["alice", "Bob"])
    expect(mentions("**@dave**: see _@erin_. (@frank) @gina.")).toEqual([
      "dave",
      "erin",
      "frank",
      "gina",
    ])
    expect(mentions("[@hank](https://h.example)\n- @ivy\n> @jo")).toEqual(["hank", "ivy", "jo"])
    expect(mentions("@zoë and @d.o-t_s")).toEqual(["zoë", "d.o-t_s"])
  })

  it("ignores code, e-mail addresses and URLs", () => {
    expect(mentions("`@code` and\n\n```\n@fenced\n```\n\n    @indented")).toEqual([])
    expect(mentions("mail me@a.example or see https://m.example/@user and a/@b")).toEqual([])
    expect(mentions("@ alone, @@double, @-dash, @")).toEqual([])
  })
})
