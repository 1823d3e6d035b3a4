/**
 * The site's team: members and their roles, pending invitations, inviting by
 * email (owners and admins), and leaving the site (everyone but the owner;
 * moderators see only that).
 */
import { useSyncExternalStore } from "react"
import type { TeamMember } from "../../../../src/dashboard-api/contract.js"
import { snapshot, subscribe } from "../../api/client.js"
import { removeMember, revokeInvitation, setMemberRole, team } from "../../api/dashboard.js"
import { ConfirmButton } from "../../ui/ConfirmButton.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { formatDate } from "../../ui/format.js"
import { Loading } from "../../ui/Loading.js"
import { Title } from "../../ui/Title.js"
import { useAction, useLoad } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"
import { InviteForm } from "./InviteForm.js"
import { LeaveSite } from "./LeaveSite.js"

type MemberRole = "admin" | "moderator"

export const Team = (props: SiteProps) =>
  // Moderators cannot read the team (`team.manage`), but may leave it.
  props.site.role === "moderator" ? (
    <>
      <Title>Team</Title>
      <LeaveSite site={props.site} refreshSite={props.refreshSite} />
    </>
  ) : (
    <Members {...props} />
  )

const Members = ({ site, refreshSite }: SiteProps) => {
  const members = useLoad(`${site.id}/team`, () => team(site.id))
  const action = useAction()
  const me = useSyncExternalStore(subscribe, snapshot).account?.id
  const run = async (write: () => Promise<unknown>) => {
    // Reload either way: a failed write may still mean the list changed meanwhile.
    await action.run(write)
    members.reload()
  }
  // Only the owner changes admins; admins manage moderators.
  const manages = (member: TeamMember) =>
    member.accountId !== me &&
    member.role !== "owner" &&
    (site.role === "owner" || member.role === "moderator")
  const data = members.data
  return (
    <>
      <Title>Team</Title>
      <ErrorNote error={members.error ?? action.error} />
      {members.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <table>
            <caption className="visually-hidden">Members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((member) => (
                <tr key={member.accountId}>
                  <td>{member.name}</td>
                  <td>{member.email}</td>
                  <td>
                    {manages(member) ? (
                      <select
                        aria-label={`Role of ${member.name}`}
                        value={member.role}
                        disabled={action.pending}
                        onChange={(e) =>
                          void run(() =>
                            setMemberRole(site.id, member.accountId, e.target.value as MemberRole),
                          )
                        }
                      >
                        {site.role === "owner" ? <option value="admin">admin</option> : null}
                        <option value="moderator">moderator</option>
                      </select>
                    ) : (
                      member.role
                    )}
                  </td>
                  <td>{formatDate(member.addedAt)}</td>
                  <td>
                    {manages(member) ? (
                      <ConfirmButton
                        label={`Remove ${member.name}`}
                        question={`${member.name} loses access to ${site.name}.`}
                        confirmLabel={`Yes, remove ${member.name}`}
                        onConfirm={() => run(() => removeMember(site.id, member.accountId))}
                        danger
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <section aria-labelledby="pending-invitations">
            <h2 id="pending-invitations">Pending invitations</h2>
            {data.invitations.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul className="list">
                {data.invitations.map((invitation) => (
                  <li key={invitation.id}>
                    <span>
                      {invitation.email} as {invitation.role}, expires{" "}
                      {formatDate(invitation.expiresAt)}
                    </span>
                    <button
                      type="button"
                      className="button ghost"
                      disabled={action.pending}
                      onClick={() => void run(() => revokeInvitation(site.id, invitation.id))}
                    >
                      Revoke invitation to {invitation.email}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <InviteForm
            siteId={site.id}
            canInviteAdmins={site.role === "owner"}
            onInvited={members.reload}
          />
          {site.role === "owner" ? null : <LeaveSite site={site} refreshSite={refreshSite} />}
        </>
      ) : null}
    </>
  )
}
