/**
 * Every Lua script of the store, with how many of its arguments are keys.
 * RedisConnection registers them with ioredis `defineCommand` (EVALSHA, falling
 * back to EVAL after a script cache flush or failover).
 *
 * @since 0.1.0
 */
import * as Comments from "./comments.js"
import * as Moderation from "./moderation.js"
import * as People from "./people.js"
import * as Records from "./records.js"
import * as Team from "./team.js"
import * as Votes from "./votes.js"

/**
 * A script and its key count. Every script has a fixed key count: ioredis
 * routes a call on a cluster (and groups auto-pipelined calls) by its first
 * argument, which must therefore be a key.
 *
 * @since 0.1.0
 */
export interface ScriptDef {
  readonly lua: string
  readonly keys: number
}

const def = (lua: string, keys: number): ScriptDef => ({ lua, keys })

/** The scripts by command name. @since 0.1.0 */
export const scripts = {
  kmCommentInsert: def(Comments.commentInsert, 1),
  kmCommentUpdate: def(Comments.commentUpdate, 1),
  kmCommentSetRanks: def(Comments.commentSetRanks, 1),
  kmCommentList: def(Comments.commentList, 2),
  kmCommentMerge: def(Comments.commentMerge, 5),
  kmVoteSwap: def(Votes.voteSwap, 1),
  kmVoteForVoter: def(Votes.voteForVoter, 1),
  kmThreadGetOrInsert: def(People.threadGetOrInsert, 1),
  kmThreadsByKeys: def(People.threadsByKeys, 1),
  kmTopRows: def(People.topRows, 1),
  kmCommenterInsert: def(People.commenterInsert, 1),
  kmCommenterUpdate: def(People.commenterUpdate, 1),
  kmRowByUnique: def(People.rowByUnique, 1),
  kmRowsOfSet: def(People.rowsOfSet, 1),
  kmReportAdd: def(Moderation.reportAdd, 1),
  kmReportClear: def(Moderation.reportClear, 1),
  kmLexAppend: def(Moderation.lexAppend, 2),
  kmLexHashPage: def(Moderation.lexHashPage, 2),
  kmScoreHashPage: def(Moderation.scoreHashPage, 2),
  kmScoredPut: def(Moderation.scoredPut, 2),
  kmScoredRemove: def(Moderation.scoredRemove, 2),
  kmUsageMarkActive: def(Moderation.usageMarkActive, 2),
  kmHashes: def(Moderation.hashes, 1),
  kmSiteInsert: def(Records.siteInsert, 1),
  kmSiteUpdate: def(Records.siteUpdate, 1),
  kmSiteClaimOwner: def(Records.siteClaimOwner, 1),
  kmRowByPointer: def(Records.rowByPointer, 1),
  kmAccountInsert: def(Records.accountInsert, 1),
  kmAccountUpdate: def(Records.accountUpdate, 1),
  kmRowPatch: def(Records.rowPatch, 1),
  kmNotificationInsert: def(Records.notificationInsert, 3),
  kmNotificationMarkRead: def(Records.notificationMarkRead, 2),
  kmHashReplace: def(Records.hashReplace, 1),
  kmWebhookRemove: def(Records.webhookRemove, 2),
  kmRateLimit: def(Records.rateLimitConsume, 1),
  kmPublish: def(Records.publish, 1),
  kmPageCacheGet: def(Records.pageCacheGet, 1),
  kmTeamPut: def(Team.teamPut, 1),
  kmTeamRemove: def(Team.teamRemove, 1),
  kmTeamOfAccount: def(Team.teamOfAccount, 1),
  kmInvitationInsert: def(Team.invitationInsert, 1),
  kmInvitationDelete: def(Team.invitationDelete, 1),
  kmInvitationAccept: def(Team.invitationAccept, 1),
} as const

/** A script's command name. @since 0.1.0 */
export type ScriptName = keyof typeof scripts
