import { getEnv } from "../../env.ts";
import { sendUserEmail } from "../messaging/send-user-email.ts";

// Account e-mails (Norwegian). They go out through lib/messaging, so in development they land in the outbox.
const link = (path: string) => new URL(path, getEnv().APP_URL).toString();

export async function sendVerificationEmail(
  to: { dealershipId: string; email: string; name: string },
  token: string,
) {
  const url = link(`/verify-email/${token}`);
  await sendUserEmail(to, {
    to: to.email,
    subject: "Bekreft e-postadressen din i Norvalt",
    containsSecret: true,
    text: `Hei ${to.name}!\n\nBekreft e-postadressen din ved å åpne lenken under (gyldig i 48 timer):\n${url}\n\nHilsen Norvalt`,
  });
}

export async function sendInvitationEmail(
  to: { dealershipId: string; email: string },
  invite: { dealershipName: string; inviterName: string; roleLabel: string; token: string },
) {
  const url = link(`/invite/${invite.token}`);
  await sendUserEmail(to, {
    to: to.email,
    subject: `${invite.inviterName} har invitert deg til ${invite.dealershipName} i Norvalt`,
    containsSecret: true,
    text:
      `Hei!\n\n${invite.inviterName} har invitert deg som ${invite.roleLabel} hos ${invite.dealershipName}.\n` +
      `Opprett brukeren din her (gyldig i 7 dager):\n${url}\n\nHilsen Norvalt`,
  });
}

export async function sendPasswordResetEmail(
  to: { dealershipId: string; email: string; name: string },
  token: string,
) {
  const url = link(`/reset-password/${token}`);
  await sendUserEmail(to, {
    to: to.email,
    subject: "Tilbakestill passordet ditt i Norvalt",
    containsSecret: true,
    text:
      `Hei ${to.name}!\n\nNoen (forhåpentligvis du) ba om å tilbakestille passordet ditt. Lenken er gyldig i 1 time:\n${url}\n\n` +
      `Ba du ikke om dette, kan du se bort fra e-posten.\n\nHilsen Norvalt`,
  });
}

export async function sendSignInLinkEmail(
  to: { dealershipId: string; email: string; name: string },
  token: string,
) {
  const url = link(`/sign-in/link/${token}`);
  await sendUserEmail(to, {
    to: to.email,
    subject: "Innloggingslenke til Norvalt",
    containsSecret: true,
    text:
      `Hei ${to.name}!\n\nÅpne lenken for å logge inn (gyldig i 15 minutter, kan brukes én gang):\n${url}\n\n` +
      `Ba du ikke om dette, kan du se bort fra e-posten. Noen kan ha prøvd å logge inn som deg: ` +
      `passordet ditt er ikke endret.\n\nHilsen Norvalt`,
  });
}

export const ROLE_LABELS = { admin: "administrator", manager: "salgssjef", sales_rep: "selger" } as const;
