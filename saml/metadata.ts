import crypto from "node:crypto";
import type { Credential } from "../app/rules/identity";
import { cieContactPerson, rulesFor } from "./cie-rules";
import { BINDING, NAMEID_FORMAT, NS } from "./constants";
import { certBody } from "./keys";
import { signRoot } from "./signing";
import { escapeXml as x } from "./xml";

export interface SpMetadataInput {
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  publicUrl: string;
  serviceName: string;
  org: {
    name: string;
    displayName: string;
    ipaCode: string;
    municipalityCode: string;
    province: string;
    email: string;
    phone: string;
  };
  key: string;
  cert: string;
  /** SPID's metadata (registered with AgID) or CIE's (uploaded to CieID's federation portal). */
  credential: Credential;
}

function spidContactPerson(org: SpMetadataInput["org"]): string {
  return (
    `<md:ContactPerson contactType="other">` +
    `<md:Extensions><spid:IPACode>${x(org.ipaCode)}</spid:IPACode><spid:Public/></md:Extensions>` +
    `<md:EmailAddress>${x(org.email)}</md:EmailAddress>` +
    `<md:TelephoneNumber>${x(org.phone.replace(/\s+/g, ""))}</md:TelephoneNumber>` +
    `</md:ContactPerson>`
  );
}

/**
 * The SP metadata, built by hand because node-saml's generator lacks what SPID and CIE require
 * (AttributeConsumingService, ACS index 0, KeyInfo in the signature, the spid: or cie: contact
 * extensions). One entity, one document per federation: they differ in the attributes asked and
 * in the contact person.
 */
export function buildSpMetadata(input: SpMetadataInput): string {
  const id =
    "_" +
    crypto
      .createHash("sha256")
      .update(input.entityId)
      .update(input.cert)
      .update(input.credential)
      .digest("hex")
      .slice(0, 40);
  const attrs = rulesFor(input.credential)
    .requestedAttributes.map((name) => `<md:RequestedAttribute Name="${x(name)}"/>`)
    .join("");
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}"` +
    (input.credential === "spid" ? ` xmlns:spid="${NS.spid}"` : "") +
    ` entityID="${x(input.entityId)}" ID="${id}">` +
    `<md:SPSSODescriptor protocolSupportEnumeration="${NS.protocol}" AuthnRequestsSigned="true" WantAssertionsSigned="true">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(input.cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:SingleLogoutService Binding="${BINDING.post}" Location="${x(input.sloUrl)}"/>` +
    `<md:SingleLogoutService Binding="${BINDING.redirect}" Location="${x(input.sloUrl)}"/>` +
    `<md:NameIDFormat>${NAMEID_FORMAT.transient}</md:NameIDFormat>` +
    `<md:AssertionConsumerService index="0" isDefault="true" Binding="${BINDING.post}" Location="${x(input.acsUrl)}"/>` +
    `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="it">${x(input.serviceName)}</md:ServiceName>${attrs}</md:AttributeConsumingService>` +
    `</md:SPSSODescriptor>` +
    `<md:Organization>` +
    `<md:OrganizationName xml:lang="it">${x(input.org.name)}</md:OrganizationName>` +
    `<md:OrganizationDisplayName xml:lang="it">${x(input.org.displayName)}</md:OrganizationDisplayName>` +
    `<md:OrganizationURL xml:lang="it">${x(input.publicUrl)}</md:OrganizationURL>` +
    `</md:Organization>` +
    (input.credential === "cie" ? cieContactPerson(input.org) : spidContactPerson(input.org)) +
    `</md:EntityDescriptor>`;
  return `<?xml version="1.0" encoding="UTF-8"?>` + signRoot(xml, input.key, input.cert);
}
