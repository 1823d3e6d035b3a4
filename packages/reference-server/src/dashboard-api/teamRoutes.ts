/**
 * Routes of a site's team: members and invitations, and accepting an
 * invitation. Every rule (who may invite whom, who may change which role)
 * is core's `Team` service and its permissions table; these routes only
 * name the actor.
 *
 * @since 0.1.0
 */
import { type Ids, type Membership, Team } from "@kommies/core"
import type { FastifyInstance } from "fastify"
import * as Bodies from "./bodies.js"
import type { Team as TeamInfo, TeamInvitation, TeamMember, SiteSummary } from "./contract.js"
import type { RouteDeps } from "./options.js"
import { accountOf, siteActorOf } from "./session.js"
import { siteSummary } from "./sitesRoutes.js"

/**
 * Where an invitation email sends the invitee: the dashboard's invitation
 * screen (hash routing, so the token never reaches a server log as a path).
 *
 * @since 0.1.0
 * @category links
 */
export const invitationLink = (publicUrl: string, token: string): string =>
  `${publicUrl}/dashboard/#/invite/${encodeURIComponent(token)}`

const member = (m: TeamMember): TeamMember => ({
  accountId: m.accountId,
  email: m.email,
  name: m.name,
  role: m.role,
  addedAt: m.addedAt,
})

const invitation = (i: TeamInvitation): TeamInvitation => ({
  id: i.id,
  email: i.email,
  role: i.role,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
})

/**
 * Registers `GET /sites/:siteId/team`, `POST /sites/:siteId/team/invitations`,
 * `DELETE /sites/:siteId/team/invitations/:id`,
 * `PUT|DELETE /sites/:siteId/team/members/:accountId`,
 * `POST /sites/:siteId/team/leave` and
 * `POST /invitations/accept`.
 *
 * @since 0.1.0
 * @category routes
 */
export const teamRoutes = (fastify: FastifyInstance, deps: RouteDeps): void => {
  const { app } = deps
  const run = app.kommies.run

  fastify.get("/sites/:siteId/team", async (request): Promise<TeamInfo> => {
    const { actor } = await siteActorOf(app, request)
    const team = await run(Team.list(actor))
    return { members: team.members.map(member), invitations: team.invitations.map(invitation) }
  })

  fastify.post("/sites/:siteId/team/invitations", async (request, reply) => {
    const { actor } = await siteActorOf(app, request)
    const body = Bodies.decodeBody(Bodies.InviteRequest, request.body)
    const created = await run(
      Team.invite(actor, {
        email: body.email,
        role: body.role,
        link: (token: string) => invitationLink(app.publicUrl, token),
      }),
    )
    reply.code(201)
    return { invitation: invitation(created) }
  })

  fastify.delete("/sites/:siteId/team/invitations/:id", async (request, reply) => {
    const { actor } = await siteActorOf(app, request)
    const { id } = request.params as { readonly id?: string }
    const invitationId = Bodies.pathId(
      id,
      "invitation_not_found",
      "invitation",
    ) as Membership.InvitationId
    await run(Team.revokeInvitation(actor, invitationId))
    return reply.code(204).send()
  })

  fastify.put("/sites/:siteId/team/members/:accountId", async (request): Promise<TeamMember> => {
    const { actor } = await siteActorOf(app, request)
    const body = Bodies.decodeBody(Bodies.SetRoleRequest, request.body)
    const accountId = memberId(request.params)
    return member(await run(Team.setRole(actor, accountId, body.role)))
  })

  fastify.delete("/sites/:siteId/team/members/:accountId", async (request, reply) => {
    const { actor } = await siteActorOf(app, request)
    await run(Team.remove(actor, memberId(request.params)))
    return reply.code(204).send()
  })

  // A member leaves on their own: core's Team.remove lets anyone remove
  // themself, and refuses the owner (403 owner_immutable).
  fastify.post("/sites/:siteId/team/leave", async (request, reply) => {
    const { account, actor } = await siteActorOf(app, request)
    await run(Team.remove(actor, account.id))
    return reply.code(204).send()
  })

  fastify.post("/invitations/accept", async (request): Promise<{ readonly site: SiteSummary }> => {
    const account = await accountOf(app, request)
    const body = Bodies.decodeBody(Bodies.AcceptInvitationRequest, request.body)
    const accepted = await run(Team.accept(account.id, body.token))
    return { site: siteSummary(accepted.site, accepted.role) }
  })
}

const memberId = (params: unknown): Ids.AccountId =>
  Bodies.pathId(
    (params as { readonly accountId?: string }).accountId,
    "member_not_found",
    "member",
  ) as Ids.AccountId
