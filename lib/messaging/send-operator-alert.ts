import { getEnv } from "../../env.ts";
import { getMailer } from "../integrations/mailer/get-mailer.ts";
import { formatFrom } from "../integrations/mailer/mailer.ts";
import { getLogger } from "../log/logger.ts";

export type OperatorAlert = { kind: string; subject: string; text: string; windowKey: string };

/**
 * An alert for whoever runs this installation: an `error` log line with `alert: true` always, and an e-mail to
 * OPERATOR_EMAIL when set. Not a dealership's mail, so it has no outbox row in any dealership; the mailer port's
 * idempotency key (kind + window) keeps several workers from sending the same alert twice.
 */
export async function sendOperatorAlert(alert: OperatorAlert): Promise<void> {
  getLogger("alert").error({ alert: true, kind: alert.kind }, `${alert.subject}: ${alert.text}`);
  const to = getEnv().OPERATOR_EMAIL;
  if (!to) return;
  try {
    await getMailer().sendEmail({
      from: formatFrom("Norvalt drift"),
      to,
      subject: `[Norvalt] ${alert.subject}`,
      text: `${alert.text}\n\nSe /api/health for kø- og arbeiderstatus.`,
      idempotencyKey: `operator-alert:${alert.kind}:${alert.windowKey}`,
    });
  } catch (err) {
    getLogger("alert").error({ err }, "operator alert e-mail failed");
  }
}
