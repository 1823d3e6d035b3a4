/** The site's plan: choose one (Checkout), manage payment (Customer Portal), invoices. */
import { checkout, portal } from "../../api/dashboard.js"
import type { Plan } from "../../api/types.js"
import { useRoute } from "../../router.js"
import { DataTable } from "../../ui/DataTable.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { ExternalLink } from "../../ui/ExternalLink.js"
import { formatDate, formatMoney, formatNumber } from "../../ui/format.js"
import { Loading } from "../../ui/Loading.js"
import { Title } from "../../ui/Title.js"
import { useAction, useLoad } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"

const limit = (n: number | null, what: string) =>
  n === null ? `Unlimited ${what}` : `${formatNumber(n)} ${what}`

const PlanCard = ({
  plan,
  current,
  onChoose,
  pending,
}: {
  readonly plan: Plan
  readonly current: boolean
  readonly onChoose: () => void
  readonly pending: boolean
}) => (
  <li className="card plan" aria-current={current ? "true" : undefined}>
    <h3>{plan.name}</h3>
    <p className="price">
      {plan.monthlyPriceCents === 0 ? "Free" : `${formatMoney(plan.monthlyPriceCents)} a month`}
    </p>
    <ul>
      <li>{limit(plan.limits.comments, "comments a month")}</li>
      <li>{limit(plan.limits.threadLoads, "thread loads")}</li>
      <li>{limit(plan.limits.activeCommenters, "active commenters")}</li>
    </ul>
    {current ? (
      <p className="badge">Current plan</p>
    ) : plan.priceId ? (
      <button type="button" className="button primary" disabled={pending} onClick={onChoose}>
        Choose {plan.name}
      </button>
    ) : null}
  </li>
)

export const Billing = ({ site, api }: SiteProps) => {
  const billing = useLoad(`${site.id}/billing`, api.billing)
  // Back from Checkout: `?checkout=success` or `?checkout=cancel`.
  const returned = useRoute().params.get("checkout")
  const action = useAction()
  const go = async (pending: () => Promise<{ url: string }>) => {
    const redirect = await action.run(pending)
    if (redirect) window.location.assign(redirect.url)
  }
  const data = billing.data
  return (
    <>
      <Title>Billing</Title>
      {returned === "success" ? (
        <p className="note note-ok" role="status">
          Thank you. The new plan applies as soon as the payment is confirmed.
        </p>
      ) : returned === "cancel" ? (
        <p className="note" role="status">
          Checkout was cancelled: nothing changed.
        </p>
      ) : null}
      <ErrorNote error={billing.error ?? action.error} />
      {billing.loading && !data ? <Loading /> : null}
      {data && !data.enabled ? (
        <p className="note">Billing is off on this server — every plan is unlimited.</p>
      ) : null}
      {data?.enabled ? (
        <>
          <p>
            Current plan: <strong>{data.plan.name}</strong>
            {data.subscription && data.subscription.status !== "none"
              ? ` (${data.subscription.status.replace("_", " ")}${
                  data.subscription.currentPeriodEnd
                    ? `, ${data.subscription.cancelAtPeriodEnd ? "ends" : "renews"} ${formatDate(data.subscription.currentPeriodEnd)}`
                    : ""
                })`
              : ""}
          </p>
          {data.subscription?.customerId ? (
            <button
              type="button"
              className="button"
              disabled={action.pending}
              onClick={() => void go(() => portal(site.id))}
            >
              Manage payment and invoices
            </button>
          ) : null}
          <section aria-labelledby="plans">
            <h2 id="plans">Plans</h2>
            <ul className="plans">
              {data.plans.map((plan) => (
                <PlanCard
                  key={plan.id}
                  plan={plan}
                  current={plan.id === data.plan.id}
                  pending={action.pending}
                  onChoose={() => void go(() => checkout(site.id, plan.id))}
                />
              ))}
            </ul>
          </section>
          <section aria-labelledby="invoices">
            <h2 id="invoices">Invoices</h2>
            <DataTable
              columns={["Date", "Amount", "Status", "Invoice"]}
              rows={data.invoices}
              empty="No invoices yet."
              rowKey={(invoice) => invoice.id}
              cells={(invoice) => (
                <>
                  <td>{formatDate(invoice.createdAt)}</td>
                  <td>{formatMoney(invoice.amountCents, invoice.currency)}</td>
                  <td>{invoice.status}</td>
                  <td>
                    <ExternalLink url={invoice.hostedUrl}>
                      {invoice.hostedUrl ? `View invoice ${invoice.id}` : invoice.id}
                    </ExternalLink>
                  </td>
                </>
              )}
            />
          </section>
        </>
      ) : null}
    </>
  )
}
