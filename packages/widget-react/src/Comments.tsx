/**
 * `<Comments site page />`: the whole comment section, styled by
 * `@kommies/widget-react/styles.css` and built only from the primitives.
 *
 * @since 0.1.0
 */
import { type CommentView, type ReportReason, type Sort, themeOf } from "@kommies/client"
import {
  canDelete,
  canEdit,
  classes,
  errorMessage,
  isOwn,
  modifiers,
  reportReasons,
  sendReport,
  showPermalink,
  togglePanel,
} from "@kommies/client/ui"
import { type FormEvent, useEffect, useId, useRef, useState } from "react"
import { KommiesProvider, type KommiesProviderProps, useKommiesEnv } from "./KommiesProvider.js"
import { Avatar } from "./primitives/Avatar.js"
import { CommentBody } from "./primitives/CommentBody.js"
import { CommentItem } from "./primitives/CommentItem.js"
import { CommentList } from "./primitives/CommentList.js"
import { CommentMeta } from "./primitives/CommentMeta.js"
import { Composer } from "./primitives/Composer.js"
import { LoadMore } from "./primitives/LoadMore.js"
import { ModeratorActions } from "./primitives/ModeratorActions.js"
import { NewCommentsNotice } from "./primitives/NewCommentsNotice.js"
import { ReplyButton } from "./primitives/ReplyButton.js"
import { SignIn } from "./primitives/SignIn.js"
import { SortMenu } from "./primitives/SortMenu.js"
import { ThreadLocked } from "./primitives/ThreadLocked.js"
import { VoteButtons } from "./primitives/VoteButtons.js"
import { useCommenter } from "./useCommenter.js"
import { type UseThreadOptions, useThread } from "./useThread.js"

/** @since 0.1.0 @category models */
export interface CommentsProps
  extends Omit<KommiesProviderProps, "children">,
    Omit<UseThreadOptions, "sort"> {
  /** The page's thread key: its path or any stable id. */
  readonly page: string
  /** `light`, `dark`, or `auto` (follows the system). Default: the site's theme setting once the thread loads, `light` before. */
  readonly theme?: "light" | "dark" | "auto" | undefined
  /** The first sort; default the site's. */
  readonly sort?: Sort | undefined
  /** A token your app signed for its signed-in user (SSO). */
  readonly ssoToken?: string | null | undefined
  /** Offer guest comments; default true. */
  readonly guest?: boolean | undefined
}

type Panel = { readonly id: string; readonly kind: "reply" | "edit" | "report" | "delete" }

const { button, ghost, primary } = classes

/**
 * The comment section of a page: count, sort menu, sign-in or composer,
 * "N new comments", threaded comments with votes, replies, edit, delete,
 * report and moderation, and "load more". Give it `initialData` from
 * `loadThread` to render on the server and hydrate without a flash.
 *
 * @since 0.1.0
 * @category components
 * @example
 * import { Comments } from "@kommies/widget-react"
 * import "@kommies/widget-react/styles.css"
 *
 * <Comments site="kp_…" page="/post/1" />
 */
export function Comments({
  site,
  baseUrl,
  locale,
  catalog,
  client,
  maxDepth,
  editWindowSeconds,
  ...rest
}: CommentsProps) {
  return (
    <KommiesProvider
      site={site}
      baseUrl={baseUrl}
      locale={locale}
      catalog={catalog}
      client={client}
      maxDepth={maxDepth}
      editWindowSeconds={editWindowSeconds}
    >
      <Thread {...rest} />
    </KommiesProvider>
  )
}

function Thread({ page, theme, ssoToken, guest, ...options }: CommentsProps) {
  const { t, locale, dir, rules } = useKommiesEnv()
  const thread = useThread(page, options)
  const { commenter: me, logout } = useCommenter()
  const [panel, setPanel] = useState<Panel | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [highlighted, setHighlighted] = useState<string | null>(null)
  const heading = useId()
  const { state } = thread
  const locked = !!state.thread?.locked
  const onError = (e: unknown) => setNotice(errorMessage(t, e))
  const close = () => setPanel(null)
  const toggle = (id: string, kind: Panel["kind"]) => setPanel(togglePanel(panel, id, kind))

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new commenter starts afresh
  useEffect(() => setNotice(null), [me?.id])

  // Permalinks: `#comment-<id>` scrolls to and highlights its comment once
  // it is there, and again whenever the hash changes.
  const scrolled = useRef(false)
  const ready = state.status === "ready"
  useEffect(() => {
    const go = () => showPermalink(setHighlighted)
    if (ready && !scrolled.current) {
      scrolled.current = true
      go()
    }
    addEventListener("hashchange", go)
    return () => removeEventListener("hashchange", go)
  }, [ready])

  const signIn = (
    <SignIn className="kommies-auth" classes={classes.auth} ssoToken={ssoToken} guest={guest} />
  )

  const renderComment = (comment: CommentView) => {
    const { id } = comment
    const open = panel?.id === id ? panel.kind : null
    return (
      <CommentItem
        comment={comment}
        className={["kommies-comment", ...modifiers(comment, me, highlighted === id)].join(
          " kommies-comment--",
        )}
      >
        <Avatar commenter={comment.author} className="kommies-comment__avatar" />
        <div className="kommies-comment__main">
          <CommentMeta
            comment={comment}
            avatar={false}
            className="kommies-comment__header"
            classes={classes.meta}
          />
          {open === "edit" ? (
            <Composer
              thread={thread}
              comment={comment}
              className="kommies-composer"
              classes={classes.composer}
              autoFocus
              onDone={close}
              onCancel={close}
            />
          ) : (
            <CommentBody comment={comment} className="kommies-comment__body" />
          )}
          <div className="kommies-comment__actions">
            <VoteButtons
              thread={thread}
              comment={comment}
              onError={onError}
              className="kommies-vote"
              classes={classes.vote}
            />
            <ReplyButton
              thread={thread}
              comment={comment}
              className={ghost}
              aria-expanded={open === "reply"}
              onReply={() => toggle(id, "reply")}
            />
            {canEdit(comment, me, rules) && (
              <button
                type="button"
                className={ghost}
                aria-expanded={open === "edit"}
                onClick={() => toggle(id, "edit")}
              >
                {t("comment.edit")}
              </button>
            )}
            {canDelete(comment, me) && (
              // Two presses: "Delete", then "Delete this comment?".
              <button
                type="button"
                className={classes.danger}
                onClick={() => {
                  if (open !== "delete") return toggle(id, "delete")
                  close()
                  thread.remove(id).catch(onError)
                }}
                onBlur={() => open === "delete" && close()}
              >
                {t(open === "delete" ? "comment.deleteConfirm" : "comment.delete")}
              </button>
            )}
            {me && !isOwn(comment, me) && comment.status === "approved" && (
              <button
                type="button"
                className={ghost}
                aria-expanded={open === "report"}
                onClick={() => toggle(id, "report")}
              >
                {t("comment.report")}
              </button>
            )}
          </div>
          {open === "report" && <ReportForm comment={comment} onClose={close} />}
          <ModeratorActions
            thread={thread}
            comment={comment}
            onError={onError}
            className="kommies-mod"
            classes={{ button: ghost }}
          />
        </div>
        <div className="kommies-comment__replies">
          {open === "reply" &&
            (me ? (
              <Composer
                thread={thread}
                parentId={id}
                className="kommies-composer"
                classes={classes.composer}
                autoFocus
                onDone={close}
                onCancel={close}
              />
            ) : (
              signIn
            ))}
          {(state.children[id]?.length ?? 0) > 0 && (
            <CommentList
              thread={thread}
              parentId={id}
              className="kommies-list kommies-list--replies"
              renderComment={renderComment}
            />
          )}
          <LoadMore thread={thread} parentId={id} className={`${ghost} kommies-comment__more`} />
        </div>
      </CommentItem>
    )
  }

  const waiting = state.top.length === 0
  return (
    <section
      className="kommies"
      data-kommies-theme={themeOf(state, theme)}
      dir={dir}
      lang={locale}
      aria-labelledby={heading}
    >
      <div className="kommies-header">
        <h2 id={heading} className="kommies-header__count">
          {t("thread.count", { count: state.count })}
        </h2>
        {state.live !== "off" && (
          <span className="kommies-live" data-live={state.live}>
            {state.live === "reconnecting" && t("thread.reconnecting")}
          </span>
        )}
        <SortMenu thread={thread} className="kommies-sort" classes={classes.sort} />
        <ModeratorActions thread={thread} onError={onError} classes={{ button: ghost }} />
        {me && (
          <div className="kommies-user">
            <Avatar commenter={me} size={28} className="kommies-user__avatar" />
            <span className="kommies-user__name">{me.displayName}</span>
            <button type="button" className={ghost} onClick={() => void logout()}>
              {t("auth.signOut")}
            </button>
          </div>
        )}
      </div>
      <ThreadLocked
        thread={thread}
        role="status"
        className="kommies-status kommies-status--locked"
      />
      {!locked &&
        (me ? (
          <Composer thread={thread} className="kommies-composer" classes={classes.composer} />
        ) : (
          signIn
        ))}
      {notice && (
        <p role="alert" className="kommies-status kommies-status--error">
          {notice}
        </p>
      )}
      <NewCommentsNotice
        thread={thread}
        className={state.newCount > 0 ? "kommies-new" : undefined}
        classes={{ button: `${button} kommies-new__button` }}
      />
      {!waiting ? (
        <CommentList thread={thread} className="kommies-list" renderComment={renderComment} />
      ) : state.status === "ready" ? (
        <p className="kommies-status">{t("thread.empty")}</p>
      ) : state.status === "error" ? (
        <div role="alert" className="kommies-status kommies-status--error">
          {t("thread.error")}{" "}
          <button type="button" className={button} onClick={() => void thread.load()}>
            {t("thread.retry")}
          </button>
        </div>
      ) : (
        <Skeleton />
      )}
      <div className="kommies-load-more">
        <LoadMore thread={thread} className={button} />
      </div>
    </section>
  )
}

/** Placeholders the size of comments, so nothing moves when they arrive. */
function Skeleton() {
  return (
    <div aria-busy="true">
      {[0, 1, 2].map((i) => (
        <div key={i} className="kommies-skeleton" aria-hidden="true">
          <div className="kommies-skeleton__avatar" />
          <div>
            <div className="kommies-skeleton__line" />
            <div className="kommies-skeleton__line" />
          </div>
        </div>
      ))}
    </div>
  )
}

function ReportForm({ comment, onClose }: { comment: CommentView; onClose: () => void }) {
  const { t, client } = useKommiesEnv()
  const [reason, setReason] = useState<ReportReason>("spam")
  const [note, setNote] = useState("")
  const [done, setDone] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void sendReport(client, t, comment.id, reason, note).then(setDone)
  }
  if (done)
    return (
      <p role="status" className="kommies-report">
        {done}
      </p>
    )
  return (
    <form className="kommies-report" onSubmit={submit} aria-label={t("report.title")}>
      <label>
        {t("report.title")}{" "}
        <select value={reason} onChange={(e) => setReason(e.currentTarget.value as ReportReason)}>
          {reportReasons.map(([value, key]) => (
            <option key={value} value={value}>
              {t(key)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("report.note")} <input value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      </label>
      <button type="submit" className={primary}>
        {t("report.submit")}
      </button>
      <button type="button" className={ghost} onClick={onClose}>
        {t("composer.cancel")}
      </button>
    </form>
  )
}
