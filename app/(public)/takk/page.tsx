import { CheckCircle2 } from "lucide-react";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("thanks");

// Where a plain HTML form post lands when the dealership has no thank-you page of its own.
export default async function ThankYouPage({
  searchParams,
}: {
  searchParams: Promise<{ forhandler?: string }>;
}) {
  const dealership = (await searchParams).forhandler?.slice(0, 120);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md space-y-3 text-center">
        <CheckCircle2 className="text-primary mx-auto size-12" aria-hidden />
        <h1 className="text-2xl font-semibold">Takk for henvendelsen!</h1>
        <p className="text-muted-foreground">
          Vi har mottatt meldingen din{dealership ? ` til ${dealership}` : ""} og svarer deg så snart som
          mulig – som regel i løpet av få minutter.
        </p>
      </div>
    </main>
  );
}
