/**
 * The client declares the API's wire types itself (no runtime or bundle link
 * to core); these checks keep them in step with core's schemas. They are
 * compile-time checks (`tsc -b` fails on drift); the tests only name them.
 */
import type {
  Ban as CoreBan,
  CommenterAuth,
  Commenter as CoreCommenter,
  Comment as CoreComment,
  Listing,
  Report as CoreReport,
  Role as CoreRole,
  Site as CoreSite,
  Thread as CoreThread,
  Views,
  Votes,
} from "@kommies/core"
import type { Problem as CoreProblem, Requests, Responses } from "@kommies/core/http"
import { describe, expectTypeOf, it } from "vitest"
import type {
  Ban,
  CommentStatus,
  CommentView,
  Me,
  NewComment,
  Notifications,
  Page,
  Problem,
  PublicCommenter,
  Registered,
  ReportReason,
  ReportResult,
  Role,
  SignedIn,
  Sort,
  Theme,
  Thread,
  VoteDirection,
  VoteResult,
} from "../src/index.js"

/** What travels as JSON: a schema's encoded side (ids are plain strings there). */
type Wire<S extends { readonly Encoded: unknown }> = S["Encoded"]

/** Core's service types with branded ids made plain strings, deeply. */
type Unbrand<T> = T extends string
  ? [Exclude<keyof T, keyof string>] extends [never]
    ? T
    : string
  : T extends ReadonlyArray<infer U>
    ? ReadonlyArray<Unbrand<U>>
    : T extends object
      ? { readonly [K in keyof T]: Unbrand<T[K]> }
      : T

describe("wire types", () => {
  it("responses – should be assignable to and from core's response schemas", () => {
    expectTypeOf<Wire<typeof Responses.CommentView>>().toExtend<CommentView>()
    expectTypeOf<CommentView>().toExtend<Wire<typeof Responses.CommentView>>()
    expectTypeOf<Wire<typeof Responses.Page>>().toExtend<Page>()
    expectTypeOf<Page>().toExtend<Wire<typeof Responses.Page>>()
    expectTypeOf<Wire<typeof Responses.Thread>>().toExtend<Thread>()
    expectTypeOf<Thread>().toExtend<Wire<typeof Responses.Thread>>()
    expectTypeOf<Wire<typeof Responses.PublicCommenter>>().toExtend<PublicCommenter>()
    expectTypeOf<PublicCommenter>().toExtend<Wire<typeof Responses.PublicCommenter>>()
    expectTypeOf<Wire<typeof Responses.SignedIn>>().toExtend<SignedIn>()
    expectTypeOf<SignedIn>().toExtend<Wire<typeof Responses.SignedIn>>()
    expectTypeOf<Wire<typeof Responses.Me>>().toExtend<Me>()
    expectTypeOf<Wire<typeof Responses.VoteResult>>().toExtend<VoteResult>()
    expectTypeOf<VoteResult>().toExtend<Wire<typeof Responses.VoteResult>>()
    expectTypeOf<Wire<typeof Responses.ReportResult>>().toExtend<ReportResult>()
    expectTypeOf<ReportResult>().toExtend<Wire<typeof Responses.ReportResult>>()
    expectTypeOf<Wire<typeof Responses.Registered>>().toExtend<Registered>()
    expectTypeOf<Registered>().toExtend<Wire<typeof Responses.Registered>>()
    expectTypeOf<Wire<typeof Responses.Notifications>>().toExtend<Notifications>()
    expectTypeOf<Notifications>().toExtend<Wire<typeof Responses.Notifications>>()
    expectTypeOf<Wire<typeof Responses.Ban>>().toExtend<Ban>()
    expectTypeOf<Ban>().toExtend<Wire<typeof Responses.Ban>>()
    expectTypeOf<Wire<typeof Responses.Counts>>().toExtend<Record<string, number>>()
    expectTypeOf<Wire<typeof CoreProblem.Problem>>().toExtend<Problem>()
    expectTypeOf<Problem>().toExtend<Wire<typeof CoreProblem.Problem>>()
  })

  it("payloads – should be what core's request schemas accept", () => {
    expectTypeOf<NewComment>().toExtend<Wire<typeof Requests.CreateComment>>()
    expectTypeOf<Wire<typeof Requests.CreateComment>>().toExtend<NewComment>()
    expectTypeOf<{ readonly reason: ReportReason; readonly note?: string | null }>().toExtend<
      Wire<typeof Requests.Report>
    >()
    expectTypeOf<{ readonly direction: VoteDirection }>().toExtend<Wire<typeof Requests.Vote>>()
  })

  it("services – should match core's own types, ids aside", () => {
    expectTypeOf<Views.CommentView>().toExtend<CommentView>()
    expectTypeOf<CommentView>().toExtend<Unbrand<Views.CommentView>>()
    expectTypeOf<Listing.Page>().toExtend<Page>()
    expectTypeOf<Page>().toExtend<Unbrand<Listing.Page>>()
    expectTypeOf<CommenterAuth.SignedIn>().toExtend<SignedIn>()
    expectTypeOf<SignedIn>().toExtend<Unbrand<CommenterAuth.SignedIn>>()
    expectTypeOf<CommenterAuth.Me>().toExtend<Me>()
    expectTypeOf<Votes.VoteResult>().toExtend<VoteResult>()
    expectTypeOf<VoteResult>().toExtend<Unbrand<Votes.VoteResult>>()
    expectTypeOf<CoreThread.Thread>().toExtend<Thread>()
    expectTypeOf<CoreCommenter.PublicCommenter>().toExtend<PublicCommenter>()
    expectTypeOf<CoreBan.Ban>().toExtend<Ban>()
  })

  it("literals – should name the same values", () => {
    expectTypeOf<Sort>().toEqualTypeOf<CoreSite.Sort>()
    expectTypeOf<Theme>().toEqualTypeOf<CoreSite.Theme>()
    expectTypeOf<Role>().toEqualTypeOf<CoreRole.Role>()
    expectTypeOf<CommentStatus>().toEqualTypeOf<CoreComment.CommentStatus>()
    expectTypeOf<ReportReason>().toEqualTypeOf<CoreReport.ReportReason>()
  })
})
