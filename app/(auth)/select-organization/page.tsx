import { OrganizationList } from "@clerk/nextjs";
import { notFound } from "next/navigation";
import { isClerkEnabled } from "@/env";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("selectOrganization");

// Clerk only: a dealership is a Clerk organization. The webhook creates our dealership and user rows from it.
export default function SelectOrganizationPage() {
  if (!isClerkEnabled()) notFound();
  return (
    <OrganizationList hidePersonal afterSelectOrganizationUrl="/leads" afterCreateOrganizationUrl="/leads" />
  );
}
