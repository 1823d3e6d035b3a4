/**
 * English messages for the Kommies widgets.
 *
 * @since 0.1.0
 */
import type { Catalog } from "../I18n.js"

/**
 * @since 0.1.0
 * @category catalogs
 * @example
 * import { catalog } from "@kommies/client/locales/en"
 * const t = createTranslator(catalog)
 */
export const catalog: Catalog = {
  locale: "en",
  messages: {
    "thread.count": { one: "{count} comment", other: "{count} comments" },
    "thread.empty": "No comments yet. Start the conversation.",
    "thread.locked": "Comments are closed on this page.",
    "thread.loadMore": "Load more comments",
    "thread.newComments": { one: "Show {count} new comment", other: "Show {count} new comments" },
    "thread.error": "The comments could not be loaded.",
    "thread.retry": "Try again",
    "thread.reconnecting": "Reconnecting…",
    "sort.label": "Sort by",
    "sort.new": "Newest",
    "sort.old": "Oldest",
    "sort.top": "Top",
    "sort.hot": "Hot",
    "sort.best": "Best",
    "comment.label": "Comment by {name}",
    "comment.reply": "Reply",
    "comment.edit": "Edit",
    "comment.delete": "Delete",
    "comment.deleteConfirm": "Delete this comment?",
    "comment.report": "Report",
    "comment.permalink": "Link to this comment",
    "comment.edited": "edited",
    "comment.deleted": "This comment was deleted.",
    "comment.pending": "Awaiting moderation",
    "comment.shadowed": "Hidden from others",
    "comment.rejected": "Rejected",
    "comment.spam": "Marked as spam",
    "comment.upvote": "Upvote",
    "comment.downvote": "Downvote",
    "comment.score": { one: "{count} point", other: "{count} points" },
    "comment.moreReplies": { one: "Show {count} more reply", other: "Show {count} more replies" },
    "comment.hideReplies": "Hide replies",
    "role.owner": "Owner",
    "role.admin": "Admin",
    "role.moderator": "Moderator",
    "composer.label": "Write a comment",
    "composer.placeholder": "Join the discussion…",
    "composer.replyTo": "Reply to {name}",
    "composer.write": "Write",
    "composer.preview": "Preview",
    "composer.emptyPreview": "Nothing to preview yet.",
    "composer.submit": "Post",
    "composer.save": "Save",
    "composer.cancel": "Cancel",
    "composer.sending": "Posting…",
    "composer.markdown": "Markdown is supported.",
    "auth.signIn": "Sign in",
    "auth.signOut": "Sign out",
    "auth.signedInAs": "Signed in as {name}",
    "auth.guest": "Comment as a guest",
    "auth.withEmail": "Sign in with email",
    "auth.register": "Create an account",
    "auth.name": "Name",
    "auth.email": "Email",
    "auth.emailOptional": "Email (optional, never shown)",
    "auth.password": "Password",
    "auth.code": "Verification code",
    "auth.codeSent": "We sent a 6-digit code to {email}.",
    "auth.verify": "Verify",
    "auth.resend": "Send a new code",
    "report.title": "Report this comment",
    "report.spam": "Spam",
    "report.abuse": "Abuse or harassment",
    "report.offTopic": "Off-topic",
    "report.other": "Something else",
    "report.note": "Details (optional)",
    "report.submit": "Send report",
    "report.thanks": "Thank you. The moderators will take a look.",
    "mod.approve": "Approve",
    "mod.reject": "Reject",
    "mod.spam": "Spam",
    "mod.ban": "Ban",
    "mod.shadowBan": "Shadow ban",
    "mod.lock": "Lock thread",
    "mod.unlock": "Unlock thread",
    "mod.reports": { one: "{count} report", other: "{count} reports" },
    "error.generic": "Something went wrong. Please try again.",
    "error.network": "You seem to be offline.",
    "error.rateLimited": {
      one: "Too many requests. Try again in {count} second.",
      other: "Too many requests. Try again in {count} seconds.",
    },
    "error.signInRequired": "Sign in to join the discussion.",
  },
}

export default catalog
