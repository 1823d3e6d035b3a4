import { describe, expect, it } from "vitest"
import { type Catalog, createTranslator, dirOf, type Message, timeAgo } from "../src/index.js"
import { catalog as ar } from "../src/locales/ar.js"
import { catalog as de } from "../src/locales/de.js"
import { catalog as en } from "../src/locales/en.js"
import { catalog as es } from "../src/locales/es.js"
import { catalog as fr } from "../src/locales/fr.js"
import { catalog as ja } from "../src/locales/ja.js"
import { catalog as zh } from "../src/locales/zh.js"

const catalogs: ReadonlyArray<Catalog> = [en, de, fr, es, ja, zh, ar]

const placeholders = (message: Message) =>
  [
    ...new Set(
      (typeof message === "string" ? [message] : Object.values(message)).flatMap((text) =>
        [...(text as string).matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      ),
    ),
  ].sort()

describe("createTranslator", () => {
  it("plurals – should pick English and German forms by count", () => {
    const t = createTranslator(en)
    expect(t("thread.count", { count: 0 })).toBe("0 comments")
    expect(t("thread.count", { count: 1 })).toBe("1 comment")
    expect(t("thread.count", { count: 1234 })).toBe("1,234 comments")
    const tDe = createTranslator(de)
    expect(tDe("thread.count", { count: 1 })).toBe("1 Kommentar")
    expect(tDe("thread.count", { count: 2 })).toBe("2 Kommentare")
    expect(tDe("thread.count", { count: 1234 })).toBe("1.234 Kommentare")
  })

  it("plurals – should treat 0 as singular in French", () => {
    const t = createTranslator(fr)
    expect(t("thread.count", { count: 0 })).toBe("0 commentaire")
    expect(t("thread.count", { count: 1 })).toBe("1 commentaire")
    expect(t("thread.count", { count: 2 })).toBe("2 commentaires")
  })

  it("plurals – should use all six Arabic forms", () => {
    const t = createTranslator(ar)
    const n = new Intl.NumberFormat("ar")
    expect(t("thread.count", { count: 0 })).toBe("لا توجد تعليقات")
    expect(t("thread.count", { count: 1 })).toBe("تعليق واحد")
    expect(t("thread.count", { count: 2 })).toBe("تعليقان")
    expect(t("thread.count", { count: 3 })).toBe(`${n.format(3)} تعليقات`)
    expect(t("thread.count", { count: 11 })).toBe(`${n.format(11)} تعليقًا`)
    expect(t("thread.count", { count: 100 })).toBe(`${n.format(100)} تعليق`)
  })

  it("plurals – should use the one form of Japanese and Chinese", () => {
    expect(createTranslator(ja)("thread.newComments", { count: 1 })).toBe(
      "新しいコメント 1 件を表示",
    )
    expect(createTranslator(zh)("thread.newComments", { count: 5 })).toBe("显示 5 条新评论")
  })

  it("vars – should fill placeholders, leave unknown ones and fall back to the key", () => {
    const t = createTranslator(en)
    expect(t("auth.signedInAs", { name: "Ann" })).toBe("Signed in as Ann")
    expect(t("auth.signedInAs")).toBe("Signed in as {name}")
    expect(t("thread.count")).toBe("{count} comments")
    const partial = createTranslator({ locale: "en", messages: {} as Catalog["messages"] })
    expect(partial("thread.empty")).toBe("thread.empty")
  })

  it("catalogs – should all have every English key, with the same placeholders", () => {
    const keys = Object.keys(en.messages).sort()
    expect(keys.length).toBeGreaterThan(50)
    for (const catalog of catalogs) {
      expect(Object.keys(catalog.messages).sort(), catalog.locale).toEqual(keys)
      for (const key of keys) {
        const message = catalog.messages[key as keyof Catalog["messages"]]
        const english = en.messages[key as keyof Catalog["messages"]]
        // A plain English message stays plain; a plural one may collapse to one form.
        if (typeof english === "string")
          expect(typeof message, `${catalog.locale} ${key}`).toBe("string")
        if (typeof message !== "string")
          expect(message.other, `${catalog.locale} ${key}`).toBeTruthy()
        expect(
          placeholders(message).filter((p) => p !== "count"),
          `${catalog.locale} ${key}`,
        ).toEqual(placeholders(english).filter((p) => p !== "count"))
      }
    }
  })

  it("catalogs – should cover every plural category their locale has", () => {
    for (const catalog of catalogs) {
      const categories = new Intl.PluralRules(catalog.locale).resolvedOptions().pluralCategories
      const forms = catalog.messages["thread.count"]
      expect(typeof forms, catalog.locale).toBe("object")
      for (const category of categories) {
        if (category === "many" && (catalog.locale === "en" || catalog.locale === "de")) continue
        const form =
          (forms as unknown as Record<string, string>)[category] ??
          (forms as { other: string }).other
        expect(form, `${catalog.locale} ${category}`).toBeTruthy()
      }
    }
    expect(Object.keys(ar.messages["thread.count"] as object).sort()).toEqual(
      [...new Intl.PluralRules("ar").resolvedOptions().pluralCategories].sort(),
    )
  })
})

describe("dirOf", () => {
  it("should be rtl for Arabic, Hebrew, Persian and Urdu, ltr otherwise", () => {
    for (const locale of ["ar", "ar-EG", "he", "fa-IR", "ur", "AR"])
      expect(dirOf(locale)).toBe("rtl")
    for (const locale of ["en", "de", "fr", "es", "ja", "zh-CN", "arn", "hea"])
      expect(dirOf(locale)).toBe("ltr")
  })
})

describe("timeAgo", () => {
  const now = Date.UTC(2025, 0, 15, 12)
  const ago = (seconds: number, locale?: string) => timeAgo(now - seconds * 1000, now, locale)

  it("should say now, minutes, hours, yesterday, weeks, months and years", () => {
    expect(ago(10)).toBe("now")
    expect(ago(60)).toBe("1 minute ago")
    expect(ago(5 * 60 + 40)).toBe("5 minutes ago")
    expect(ago(3 * 3600)).toBe("3 hours ago")
    expect(ago(86_400)).toBe("yesterday")
    expect(ago(3 * 86_400)).toBe("3 days ago")
    expect(ago(14 * 86_400)).toBe("2 weeks ago")
    expect(ago(65 * 86_400)).toBe("2 months ago")
    expect(ago(800 * 86_400)).toBe("2 years ago")
    expect(timeAgo(new Date(now + 2 * 3600 * 1000), new Date(now))).toBe("in 2 hours")
  })

  it("should speak the locale", () => {
    expect(ago(2 * 3600, "de")).toBe("vor 2 Stunden")
    expect(ago(3 * 3600, "fr")).toBe("il y a 3 heures")
    expect(ago(86_400, "es")).toBe("ayer")
    expect(ago(5 * 60, "ja")).toBe("5 分前")
    expect(ago(86_400, "ar")).toBe("أمس")
  })
})
