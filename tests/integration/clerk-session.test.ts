import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createClerkClient, verifyToken } from "@clerk/backend";
import { importPKCS8, SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapClerkRole } from "../../lib/auth/clerk/map-clerk-role.ts";
import { resolveClerkSession } from "../../lib/auth/clerk/resolve-clerk-session.ts";
import { closeDb } from "../../lib/db/client.ts";
import { createTestDealership, createTestUser } from "../helpers/factories.ts";

// Networkless Clerk: session tokens are verified against a local PEM public key (what CLERK_JWT_KEY holds),
// never against Clerk's JWKS endpoint. The key pair below stands in for the Clerk instance's.
const APP_ORIGIN = "http://localhost:3000";
const pemPair = () =>
  generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
const instanceKeys = pemPair();
const strangerKeys = pemPair();
const verifyOptions = { jwtKey: instanceKeys.publicKey, authorizedParties: [APP_ORIGIN] };

const ids = {
  orgA: `org_${randomUUID()}`,
  orgB: `org_${randomUUID()}`,
  userA: `user_${randomUUID()}`,
  userB: `user_${randomUUID()}`,
};

type Mint = {
  sub: string;
  orgId?: string;
  orgRole?: string;
  claims?: "v1" | "v2" | "both";
  azp?: string;
  expiresIn?: number;
  privateKey?: string;
};
async function mintSessionToken({
  sub,
  orgId,
  orgRole = "admin",
  claims = "both",
  azp = APP_ORIGIN,
  expiresIn = 60,
  privateKey = instanceKeys.privateKey,
}: Mint) {
  const now = Math.floor(Date.now() / 1000);
  const org: JWTPayload = {};
  if (orgId && claims !== "v1")
    Object.assign(org, { v: 2, o: { id: orgId, slg: "testbil", rol: orgRole, per: "", fpm: "" } });
  if (orgId && claims !== "v2")
    Object.assign(org, { org_id: orgId, org_slug: "testbil", org_role: `org:${orgRole}` });
  return new SignJWT({ sid: `sess_${randomUUID()}`, azp, ...org })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "ins_test" })
    .setSubject(sub)
    .setIssuer("https://clerk.norvalt.test")
    .setIssuedAt(now - 5)
    .setNotBefore(now - 10)
    .setExpirationTime(now + expiresIn)
    .sign(await importPKCS8(privateKey, "RS256"));
}

let dealershipA: Awaited<ReturnType<typeof createTestDealership>>;
let userA: Awaited<ReturnType<typeof createTestUser>>;

beforeAll(async () => {
  dealershipA = await createTestDealership({ clerkOrgId: ids.orgA });
  const dealershipB = await createTestDealership({ clerkOrgId: ids.orgB });
  userA = await createTestUser(dealershipA.id, {
    clerkUserId: ids.userA,
    role: "manager",
    passwordHash: null,
  });
  await createTestUser(dealershipB.id, { clerkUserId: ids.userB, role: "admin", passwordHash: null });
});
afterAll(() => closeDb());

describe("Clerk session token verification without network", () => {
  it("accepts a token signed by the instance key, with v1 and v2 organization claims", async () => {
    const claims = await verifyToken(
      await mintSessionToken({ sub: ids.userA, orgId: ids.orgA }),
      verifyOptions,
    );
    expect(claims).toMatchObject({
      sub: ids.userA,
      azp: APP_ORIGIN,
      org_id: ids.orgA,
      o: { id: ids.orgA, rol: "admin" },
    });
  });

  it("rejects a token signed with another key", async () => {
    const forged = await mintSessionToken({
      sub: ids.userA,
      orgId: ids.orgA,
      privateKey: strangerKeys.privateKey,
    });
    await expect(verifyToken(forged, verifyOptions)).rejects.toMatchObject({
      reason: "token-invalid-signature",
    });
  });

  it("rejects an expired token", async () => {
    const expired = await mintSessionToken({ sub: ids.userA, orgId: ids.orgA, expiresIn: -120 });
    await expect(verifyToken(expired, verifyOptions)).rejects.toMatchObject({ reason: "token-expired" });
  });

  it("rejects a token issued for another origin (azp)", async () => {
    const elsewhere = await mintSessionToken({
      sub: ids.userA,
      orgId: ids.orgA,
      azp: "https://evil.example",
    });
    await expect(verifyToken(elsewhere, verifyOptions)).rejects.toMatchObject({
      reason: "token-invalid-authorized-parties",
    });
  });

  it("reads the active organization the way clerkMiddleware/auth() do, for v2 and v1 tokens", async () => {
    // authenticateRequest is what clerkMiddleware runs; with jwtKey and a Bearer token it stays offline.
    const clerk = createClerkClient({
      secretKey: "sk_test_networkless",
      publishableKey: `pk_test_${Buffer.from("norvalt.clerk.accounts.dev$").toString("base64")}`,
      jwtKey: instanceKeys.publicKey,
      telemetry: { disabled: true },
    });
    for (const claims of ["v2", "v1"] as const) {
      const token = await mintSessionToken({ sub: ids.userA, orgId: ids.orgA, claims });
      const state = await clerk.authenticateRequest(
        new Request(`${APP_ORIGIN}/api/leads`, { headers: { authorization: `Bearer ${token}` } }),
        verifyOptions,
      );
      expect(state.isAuthenticated).toBe(true);
      const auth = state.toAuth();
      expect(auth).toMatchObject({ userId: ids.userA, orgId: ids.orgA, orgRole: "org:admin" });
      expect(mapClerkRole(auth && "orgRole" in auth ? auth.orgRole : null)).toBe("admin");
    }
  });
});

describe("resolveClerkSession", () => {
  it("turns a verified user + organization into our Session, role from our database", async () => {
    const claims = await verifyToken(
      await mintSessionToken({ sub: ids.userA, orgId: ids.orgA }),
      verifyOptions,
    );
    const orgId = (claims.o as { id?: string } | undefined)?.id ?? claims.org_id;
    expect(await resolveClerkSession({ clerkUserId: claims.sub, clerkOrgId: orgId })).toEqual({
      userId: userA.id,
      dealershipId: dealershipA.id,
      role: "manager",
      name: userA.name,
      email: userA.email,
      dealershipName: dealershipA.name,
      timeZone: dealershipA.timezone,
      via: "clerk",
    });
  });

  it("gives a member of another organization nothing in this one", async () => {
    const claims = await verifyToken(
      await mintSessionToken({ sub: ids.userB, orgId: ids.orgA }),
      verifyOptions,
    );
    expect(await resolveClerkSession({ clerkUserId: claims.sub, clerkOrgId: ids.orgA })).toBeNull();
    expect(await resolveClerkSession({ clerkUserId: ids.userB, clerkOrgId: ids.orgB })).toMatchObject({
      role: "admin",
    });
  });

  it("is null without an active organization, for an unknown organization and for a deactivated user", async () => {
    expect(await resolveClerkSession({ clerkUserId: ids.userA, clerkOrgId: null })).toBeNull();
    expect(await resolveClerkSession({ clerkUserId: ids.userA, clerkOrgId: undefined })).toBeNull();
    expect(
      await resolveClerkSession({ clerkUserId: ids.userA, clerkOrgId: `org_${randomUUID()}` }),
    ).toBeNull();
    await createTestUser(dealershipA.id, { clerkUserId: "user_gone", isActive: false, passwordHash: null });
    expect(await resolveClerkSession({ clerkUserId: "user_gone", clerkOrgId: ids.orgA })).toBeNull();
  });
});

describe("mapClerkRole", () => {
  it.each([
    ["org:admin", "admin"],
    ["admin", "admin"],
    ["org:manager", "manager"],
    ["manager", "manager"],
    ["org:member", "sales_rep"],
    ["basic_member", "sales_rep"],
    ["org:fleet_dispatcher", "sales_rep"],
    [null, "sales_rep"],
  ] as const)("%s → %s", (clerkRole, role) => {
    expect(mapClerkRole(clerkRole)).toBe(role);
  });
});
