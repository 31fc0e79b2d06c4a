// POST /api/unsubscribe/:token – the unsubscribe page's button and RFC 8058 one-click posts from mail clients.
// GET – a mail client that opens the List-Unsubscribe URL in a browser lands on the page; GET changes nothing,
// because link scanners fetch every URL in an e-mail.
import { receiveUnsubscribe } from "@/lib/suppressions/receive-unsubscribe";

type Context = { params: Promise<{ token: string }> };

export async function POST(req: Request, { params }: Context) {
  return receiveUnsubscribe(req, (await params).token);
}

export async function GET(_req: Request, { params }: Context) {
  const { token } = await params;
  return new Response(null, { status: 303, headers: { location: `/avmeld/${encodeURIComponent(token)}` } });
}
