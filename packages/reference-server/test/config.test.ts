import { resolve } from "node:path"
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { loadConfig } from "../src/config/loadConfig.js"
import { ConfigProblem } from "../src/config/ServerConfig.js"

const problemsOf = (env: Record<string, string>, argv: Array<string> = []) => {
  try {
    loadConfig(env, argv)
  } catch (error) {
    if (error instanceof ConfigProblem) return error.problems
    throw error
  }
  throw new Error("expected a ConfigProblem")
}

describe("loadConfig", () => {
  it("defaults – should run standalone on 127.0.0.1:8787 with PGlite in ./.kommies", () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      mode: "standalone",
      port: 8787,
      host: "127.0.0.1",
      publicUrl: null,
      dataDir: resolve(".kommies"),
      databaseUrl: null,
      redisUrl: null,
      secret: null,
      logLevel: "info",
      trustProxy: false,
      billing: null,
      allowedOrigins: [],
    })
  })

  it("flags – should win over variables", () => {
    const config = loadConfig({ PORT: "9000", KOMMIES_MODE: "saas" }, [
      "--port",
      "9100",
      "--mode",
      "standalone",
      "--public-url",
      "https://c.example.com/",
    ])
    expect(config.port).toBe(9100)
    expect(config.mode).toBe("standalone")
    expect(config.publicUrl).toBe("https://c.example.com")
  })

  it("values – should parse lists, URLs and secrets", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u:p@db:5432/app",
      KOMMIES_SECRET: "x".repeat(40),
      REDIS_URL: "redis://cache:6379",
      KOMMIES_ALLOWED_ORIGINS: "https://a.example, https://b.example:8443",
      KOMMIES_TRUST_PROXY: "10.0.0.0/8,127.0.0.1",
    })
    expect(Redacted.value(config.databaseUrl!)).toBe("postgres://u:p@db:5432/app")
    expect(String(config.databaseUrl)).not.toContain("p@db")
    expect(config.allowedOrigins).toEqual(["https://a.example", "https://b.example:8443"])
    expect(config.trustProxy).toEqual(["10.0.0.0/8", "127.0.0.1"])
    expect(loadConfig({ KOMMIES_TRUST_PROXY: "true" }).trustProxy).toBe(true)
  })

  it("problems – should list every one in one message, by variable or flag, never echoing a secret", () => {
    const problems = problemsOf(
      {
        KOMMIES_MODE: "cloud",
        PORT: "70000",
        DATABASE_URL: "mysql://root:hunter2@db/app",
        REDIS_URL: "http://nope",
        KOMMIES_ALLOWED_ORIGINS: "https://ok.example,https://bad.example/path",
        LOG_LEVEL: "loud",
        SMTP_URL: "ftp://x",
        KOMMIES_TRUST_PROXY: "maybe",
      },
      ["--host"],
    )
    const text = problems.join("\n")
    for (const name of [
      "KOMMIES_MODE",
      "PORT",
      "DATABASE_URL",
      "REDIS_URL",
      "KOMMIES_ALLOWED_ORIGINS",
      "LOG_LEVEL",
      "SMTP_URL",
      "KOMMIES_TRUST_PROXY",
      "--host",
    ])
      expect(text).toContain(name)
    expect(text).not.toContain("hunter2")
    expect(new ConfigProblem(problems).message).toMatch(
      /^The configuration has \d+ problems:\n {2}- /,
    )
  })

  it("secret – should be required with DATABASE_URL and at least 32 characters", () => {
    expect(problemsOf({ DATABASE_URL: "postgres://db/app" }).join()).toContain(
      "KOMMIES_SECRET: required with DATABASE_URL",
    )
    expect(problemsOf({ KOMMIES_SECRET: "short" }).join()).toContain("at least 32 characters")
  })

  it("billing – should be read in saas mode only, and its problems listed with the rest", () => {
    const env = { STRIPE_SECRET_KEY: "sk_test_abc" }
    expect(loadConfig(env).billing).toBeNull()
    const problems = problemsOf({ ...env, KOMMIES_MODE: "saas", PORT: "x" })
    expect(problems).toHaveLength(2)
    expect(problems[0]).toContain("PORT")
    expect(problems[1]).toContain("STRIPE_WEBHOOK_SECRET")
  })
})
