import { z } from "zod";
import { WEBHOOK_EVENT_NAMES, type WebhookEvent } from "./webhook-events";
import { ue } from "@/lib/errors/user-errors";

/** Events of a subscription: at least one, each known, no repeats. */
export const webhookEventsSchema = z
  .array(z.string())
  .min(1, ue("EVENT_REQUIRED"))
  .max(WEBHOOK_EVENT_NAMES.length)
  .superRefine((events, ctx) => {
    events.forEach((e, i) => {
      if (!(WEBHOOK_EVENT_NAMES as string[]).includes(e))
        ctx.addIssue({ code: "custom", path: [i], message: `unknown event ${e}` });
    });
  })
  .transform((events) => [...new Set(events)] as WebhookEvent[]);
