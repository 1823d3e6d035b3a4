/**
 * Handlers of the owner routes: the site, its keys and settings, usage,
 * analytics, the audit log and billing. Each a thin call into the services,
 * which ask the permissions table.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect, Option } from "effect"
import type { AuditId } from "../Ids.js"
import * as Analytics from "../services/Analytics.js"
import * as Audit from "../services/Audit.js"
import * as SiteBilling from "../services/SiteBilling.js"
import * as Sites from "../services/Sites.js"
import { KommiesApi } from "./Api.js"
import { Caller } from "./Caller.js"
import { orProblem } from "./Problem.js"

/**
 * The owner routes.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = HttpApiBuilder.group(KommiesApi, "owner", (handlers) =>
  handlers
    .handle("getSite", () =>
      Effect.flatMap(Caller, ({ actor }) => Sites.read(actor)).pipe(orProblem),
    )
    .handle("updateSite", ({ payload }) =>
      Effect.flatMap(Caller, ({ actor }) => Sites.updateDetails(actor, payload)).pipe(orProblem),
    )
    .handle("updateSettings", ({ payload }) =>
      Effect.flatMap(Caller, ({ actor }) => Sites.updateSettings(actor, payload)).pipe(orProblem),
    )
    .handle("rotateKey", ({ path }) =>
      Effect.flatMap(Caller, ({ actor }) => Sites.rotateKey(actor, path.which)).pipe(
        Effect.map((key) => ({ which: path.which, key })),
        orProblem,
      ),
    )
    .handle("usage", ({ urlParams }) =>
      Effect.flatMap(Caller, ({ actor }) => Analytics.usage(actor, urlParams.month)).pipe(
        orProblem,
      ),
    )
    .handle("analytics", ({ urlParams }) =>
      Effect.flatMap(Caller, ({ actor }) =>
        Analytics.summary(actor, urlParams.days === undefined ? {} : { days: urlParams.days }),
      ).pipe(orProblem),
    )
    .handle("audit", ({ urlParams }) =>
      Effect.flatMap(Caller, ({ actor }) =>
        Audit.list(actor, {
          before: (urlParams.before ?? null) as AuditId | null,
          ...(urlParams.limit === undefined ? {} : { limit: urlParams.limit }),
        }),
      ).pipe(orProblem),
    )
    .handle("billing", () =>
      Effect.flatMap(Caller, ({ actor }) => SiteBilling.overview(actor)).pipe(
        Effect.map((overview) => ({
          ...overview,
          subscription: Option.getOrNull(overview.subscription),
        })),
        orProblem,
      ),
    ),
)
