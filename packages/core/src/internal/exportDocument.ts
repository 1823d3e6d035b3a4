/**
 * Checks of an export document before an import writes anything: decoding
 * with the schema, references between its records, and the order that puts
 * parents before their replies. Every failure is InvalidInput
 * `import_invalid` with the path of the first bad value in its message.
 */
import { Effect, ParseResult, Schema } from "effect"
import * as Export from "../domain/Export.js"
import { InvalidInput } from "../Errors.js"

const byId = (a: { readonly id: string }, b: { readonly id: string }) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** The import error for the value at `path`. */
export const invalid = (path: string, message: string) =>
  new InvalidInput({ code: "import_invalid", message: `${path}: ${message}` })

/** Decodes an export, failing with `import_invalid` naming the first bad path. */
export const decode = (doc: unknown): Effect.Effect<Export.SiteExport, InvalidInput> =>
  Schema.decodeUnknown(Export.SiteExport, { errors: "first" })(doc).pipe(
    Effect.mapError((error) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
      const path = issue?.path.length ? issue.path.map((p) => String(p)).join(".") : "document"
      return invalid(path, issue?.message ?? "not a Kommies export")
    }),
  )

/** Checks that every reference points at a record of the document, before anything is written. */
export const checkReferences = (doc: Export.SiteExport): Effect.Effect<void, InvalidInput> =>
  Effect.suspend(() => {
    const commenters = new Set(doc.commenters.map((c) => c.id))
    const threads = new Set(doc.threads.map((t) => t.id))
    const comments = new Map(doc.comments.map((c) => [c.id, c]))
    for (const [i, c] of doc.comments.entries()) {
      if (!threads.has(c.threadId))
        return Effect.fail(invalid(`comments.${i}.threadId`, "no such thread"))
      if (!commenters.has(c.authorId))
        return Effect.fail(invalid(`comments.${i}.authorId`, "no such commenter"))
      if (c.parentId === null) continue
      const parent = comments.get(c.parentId)
      if (parent === undefined || parent.threadId !== c.threadId || c.parentId === c.id)
        return Effect.fail(invalid(`comments.${i}.parentId`, "no such comment in this thread"))
    }
    for (const [i, v] of (doc.votes ?? []).entries()) {
      if (!comments.has(v.commentId))
        return Effect.fail(invalid(`votes.${i}.commentId`, "no such comment"))
      if (!commenters.has(v.voterId))
        return Effect.fail(invalid(`votes.${i}.voterId`, "no such commenter"))
    }
    for (const [i, b] of doc.bans.entries()) {
      if (!commenters.has(b.commenterId))
        return Effect.fail(invalid(`bans.${i}.commenterId`, "no such commenter"))
    }
    return Effect.void
  })

/**
 * The comments with parents before replies (by depth in the reply chain, then
 * id), or `import_invalid` when replies form a cycle.
 */
export const parentsFirst = (
  comments: ReadonlyArray<Export.ExportedComment>,
): Effect.Effect<ReadonlyArray<Export.ExportedComment>, InvalidInput> =>
  Effect.suspend(() => {
    const byOriginal = new Map(comments.map((c) => [c.id, c]))
    const depth = new Map<string, number>()
    for (const [i, c] of comments.entries()) {
      const chain: Array<Export.ExportedComment> = []
      let at: Export.ExportedComment | undefined = c
      while (at !== undefined && !depth.has(at.id)) {
        if (chain.length > comments.length) {
          return Effect.fail(invalid(`comments.${i}.parentId`, "replies form a cycle"))
        }
        chain.push(at)
        at = at.parentId === null ? undefined : byOriginal.get(at.parentId)
      }
      let d = at === undefined ? -1 : (depth.get(at.id) ?? -1)
      for (let j = chain.length - 1; j >= 0; j--)
        depth.set((chain[j] as Export.ExportedComment).id, ++d)
    }
    return Effect.succeed(
      [...comments].sort((a, b) => (depth.get(a.id) ?? 0) - (depth.get(b.id) ?? 0) || byId(a, b)),
    )
  })
