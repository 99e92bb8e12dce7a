import { describe, expect, it } from "vitest";
import { IdpRegistry, parseIdpMetadata } from "./idp-registry";

const CERT = "MIIBszCCAVmgAwIBAgIUYWJj";
const entity = (id: string, extra = "") => `
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${id}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${CERT}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>ENCRYPTION</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${id}/slo" ResponseLocation="${id}/slo-resp"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${id}/sso-r"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${id}/sso-p"/>
  </md:IDPSSODescriptor>
  ${extra}
</md:EntityDescriptor>`;

describe("parseIdpMetadata", () => {
  it("reads endpoints per binding, signing certificates and the Italian display name", () => {
    const [idp] = parseIdpMetadata(
      entity(
        "https://id.example",
        `<md:Organization><md:OrganizationName xml:lang="en">Example</md:OrganizationName><md:OrganizationDisplayName xml:lang="en">Example ID</md:OrganizationDisplayName><md:OrganizationDisplayName xml:lang="it">Esempio ID</md:OrganizationDisplayName></md:Organization>`,
      ),
      "esempio.xml",
    );
    expect(idp).toMatchObject({
      id: "esempio",
      entityId: "https://id.example",
      name: "Esempio ID",
      sso: { redirect: "https://id.example/sso-r", post: "https://id.example/sso-p" },
      slo: { post: { location: "https://id.example/slo", responseLocation: "https://id.example/slo-resp" } },
    });
    expect(idp.signingCerts).toHaveLength(1);
    expect(idp.signingCerts[0]).toContain(CERT);
  });

  it("reads every IdP of an EntitiesDescriptor and names them by host", () => {
    const xml = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${entity("https://a.example")}${entity("https://b.example/x")}</md:EntitiesDescriptor>`;
    const idps = parseIdpMetadata(xml, "registry.xml");
    expect(idps.map((i) => i.id)).toEqual(["a-example", "b-example-x"]);
  });

  it("skips entities without a signing key or SSO endpoint, and refuses a DOCTYPE", () => {
    const noKey = entity("https://c.example").replace(
      /<md:KeyDescriptor use="signing">[\s\S]*?<\/md:KeyDescriptor>/,
      "",
    );
    expect(parseIdpMetadata(noKey, "c.xml")).toEqual([]);
    expect(() => parseIdpMetadata(`<!DOCTYPE x>${entity("https://d.example")}`, "d.xml")).toThrow();
  });
});

describe("IdpRegistry", () => {
  it("finds by entityID or short id, lists by name, and gives the CSP origins", () => {
    const registry = new IdpRegistry();
    for (const idp of parseIdpMetadata(entity("https://z.example"), "z.xml"))
      registry.add({ ...idp, name: "Zeta" });
    for (const idp of parseIdpMetadata(entity("https://a.example"), "a.xml"))
      registry.add({ ...idp, name: "Alfa" });
    expect(registry.find("z")?.entityId).toBe("https://z.example");
    expect(registry.find("https://a.example")?.id).toBe("a");
    expect(registry.find("nessuno")).toBeUndefined();
    expect(registry.list().map((i) => i.name)).toEqual(["Alfa", "Zeta"]);
    expect(registry.formActionOrigins().sort()).toEqual(["https://a.example", "https://z.example"]);
    expect(() => registry.add(registry.find("z")!)).toThrow();
  });
});
