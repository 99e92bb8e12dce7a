/**
 * The SP's signing certificate as AgID wants it for a public-administration SP (Avviso SPID n. 29
 * v3, and the checks of AgID's spid-compliant-certificates validator): the subject names the ente
 * (organizationIdentifier "PA:IT-<IPA code>", commonName, countryName IT, localityName,
 * organizationName, uri = entityID), the policies agIDcert and spid-publicsector-SP are declared,
 * keyUsage is critical with digitalSignature and nonRepudiation, basicConstraints says CA:FALSE
 * and is not critical, the key is RSA of at least 2048 bits, the signature SHA-256 (or SHA-512).
 *
 * `generateSpCertificate` makes such a self-signed certificate (demo mode); `checkSpCertificate`
 * lists, in Italian, every way a supplied certificate departs from the profile.
 */
import crypto from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import {
  CertificatePolicies,
  DisplayText,
  PolicyInformation,
  PolicyQualifierInfo,
  UserNotice,
  id_qt_unotice,
} from "@peculiar/asn1-x509";
import * as x509 from "@peculiar/x509";
import type { KeyPair } from "./keys";

x509.cryptoProvider.set(crypto.webcrypto as Crypto);

export const OID = {
  commonName: "2.5.4.3",
  surname: "2.5.4.4",
  countryName: "2.5.4.6",
  localityName: "2.5.4.7",
  organizationName: "2.5.4.10",
  name: "2.5.4.41",
  givenName: "2.5.4.42",
  initials: "2.5.4.43",
  pseudonym: "2.5.4.65",
  uri: "2.5.4.83",
  organizationIdentifier: "2.5.4.97",
  emailAddress: "1.2.840.113549.1.9.1",
  certificatePolicies: "2.5.29.32",
  keyUsage: "2.5.29.15",
  basicConstraints: "2.5.29.19",
  /** AgID's certificate profile (UserNotice "agIDcert"). */
  agIDcert: "1.3.76.16.6",
  /** SPID, public-sector service provider (UserNotice "cert_SP_Pub"). */
  spidPublicSectorSP: "1.3.76.16.4.2.1",
} as const;

const REQUIRED_SUBJECT: Array<[oid: string, label: string]> = [
  [OID.organizationIdentifier, "organizationIdentifier (2.5.4.97)"],
  [OID.commonName, "commonName"],
  [OID.countryName, "countryName"],
  [OID.localityName, "localityName"],
  [OID.organizationName, "organizationName"],
  [OID.uri, "uri (2.5.4.83)"],
];

const FORBIDDEN_SUBJECT: Array<[oid: string, label: string]> = [
  [OID.emailAddress, "emailAddress"],
  [OID.givenName, "givenName"],
  [OID.surname, "surname"],
  [OID.pseudonym, "pseudonym"],
  [OID.initials, "initials"],
  [OID.name, "name"],
];

const REQUIRED_POLICIES: Array<[oid: string, label: string]> = [
  [OID.agIDcert, "agIDcert (1.3.76.16.6)"],
  [OID.spidPublicSectorSP, "spid-publicsector-SP (1.3.76.16.4.2.1)"],
];

const ALLOWED_HASHES = ["SHA-256", "SHA-512"];
const MIN_RSA_BITS = 2048;

export interface SpCertificateSubject {
  /** IPA code of the ente: organizationIdentifier is "PA:IT-" + this. */
  ipaCode: string;
  commonName: string;
  organizationName: string;
  localityName: string;
  /** The SP's entityID, written as the subject's uri. */
  entityId: string;
}

export function organizationIdentifier(ipaCode: string): string {
  return `PA:IT-${ipaCode}`;
}

function policiesExtension(): x509.Extension {
  const notice = (text: string) =>
    new PolicyQualifierInfo({
      policyQualifierId: id_qt_unotice,
      qualifier: AsnConvert.serialize(
        new UserNotice({ explicitText: new DisplayText({ utf8String: text }) }),
      ),
    });
  const policies = new CertificatePolicies([
    new PolicyInformation({ policyIdentifier: OID.agIDcert, policyQualifiers: [notice("agIDcert")] }),
    new PolicyInformation({
      policyIdentifier: OID.spidPublicSectorSP,
      policyQualifiers: [notice("cert_SP_Pub")],
    }),
  ]);
  return new x509.Extension(OID.certificatePolicies, false, AsnConvert.serialize(policies));
}

function pem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** A new RSA key and a self-signed certificate on AgID's profile for public SPs. */
export async function generateSpCertificate(
  subject: SpCertificateSubject,
  opts: { days?: number; keyBits?: number; now?: Date } = {},
): Promise<KeyPair> {
  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: opts.keyBits ?? 2048,
  };
  const keys = (await crypto.webcrypto.subtle.generateKey(algorithm, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const notBefore = new Date((opts.now ?? new Date()).getTime() - 60_000);
  const notAfter = new Date(notBefore.getTime() + (opts.days ?? 3650) * 86_400_000);
  const utf8 = (value: string) => [{ utf8String: value }];
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01" + crypto.randomBytes(15).toString("hex"),
    name: new x509.Name([
      { [OID.commonName]: utf8(subject.commonName) },
      { [OID.countryName]: [{ printableString: "IT" }] },
      { [OID.localityName]: utf8(subject.localityName) },
      { [OID.organizationIdentifier]: utf8(organizationIdentifier(subject.ipaCode)) },
      { [OID.organizationName]: utf8(subject.organizationName) },
      { [OID.uri]: utf8(subject.entityId) },
    ]),
    notBefore,
    notAfter,
    signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as Algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, false),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      policiesExtension(),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await crypto.webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { key: pem("PRIVATE KEY", pkcs8), cert: cert.toString("pem") + "\n" };
}

/**
 * Every deviation of `certPem` from AgID's profile for public SPs, in Italian; none means the
 * certificate complies. `expected` adds the checks that need the portal's settings: the
 * organizationIdentifier of its IPA code and the uri of its entityID.
 */
export function checkSpCertificate(
  certPem: string,
  expected: { ipaCode?: string; entityId?: string; now?: Date } = {},
): string[] {
  let cert: x509.X509Certificate;
  let nodeCert: crypto.X509Certificate;
  try {
    cert = new x509.X509Certificate(certPem);
    nodeCert = new crypto.X509Certificate(certPem);
  } catch {
    return ["il file non contiene un certificato X.509 leggibile in formato PEM"];
  }
  const problems: string[] = [];

  // Key and signature
  const key = nodeCert.publicKey;
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== "rsa")
    problems.push(`la chiave deve essere RSA (ora: ${key.asymmetricKeyType ?? "sconosciuta"})`);
  else if (bits < MIN_RSA_BITS)
    problems.push(`la chiave RSA deve essere di almeno ${MIN_RSA_BITS} bit (ora: ${bits})`);
  const signature = cert.signatureAlgorithm as { name?: string; hash?: { name?: string } };
  const hash = signature.hash?.name ?? "sconosciuto";
  if (signature.name !== "RSASSA-PKCS1-v1_5" || !ALLOWED_HASHES.includes(hash))
    problems.push(
      `la firma del certificato deve essere RSA con SHA-256 (o SHA-512) (ora: ${signature.name ?? "sconosciuta"} con ${hash})`,
    );

  // Validity
  const now = expected.now ?? new Date();
  if (cert.notAfter.getTime() <= now.getTime())
    problems.push(`il certificato è scaduto il ${cert.notAfter.toISOString()}`);
  if (cert.notBefore.getTime() > now.getTime())
    problems.push(`il certificato non è ancora valido (dal ${cert.notBefore.toISOString()})`);

  // Subject
  const subject = cert.subjectName;
  const field = (oid: string) => subject.getField(oid).map((v) => v.trim());
  for (const [oid, label] of REQUIRED_SUBJECT) {
    const values = field(oid);
    if (values.length === 0) problems.push(`nel soggetto manca ${label}`);
    else if (values.some((v) => v === "")) problems.push(`nel soggetto ${label} è vuoto`);
  }
  for (const [oid, label] of FORBIDDEN_SUBJECT)
    if (field(oid).length > 0) problems.push(`il soggetto non deve contenere ${label}`);
  const orgId = field(OID.organizationIdentifier)[0];
  if (orgId) {
    if (!/^PA:IT-\S{1,11}$/.test(orgId))
      problems.push(`organizationIdentifier deve avere la forma PA:IT-<codice IPA> (ora: ${orgId})`);
    else if (expected.ipaCode && orgId !== organizationIdentifier(expected.ipaCode))
      problems.push(
        `organizationIdentifier deve essere ${organizationIdentifier(expected.ipaCode)}, dal codice IPA configurato in ORG_IPA_CODE (ora: ${orgId})`,
      );
  }
  const country = field(OID.countryName)[0];
  if (country && country !== "IT") problems.push(`countryName deve essere IT (ora: ${country})`);
  const uri = field(OID.uri)[0];
  if (uri && expected.entityId && uri !== expected.entityId)
    problems.push(`uri del soggetto deve essere l'entityID ${expected.entityId} (ora: ${uri})`);

  // Extensions
  const extension = (oid: string) => cert.extensions.find((e) => e.type === oid);

  const policiesExt = extension(OID.certificatePolicies);
  if (!policiesExt) problems.push("manca l'estensione certificatePolicies");
  else {
    if (policiesExt.critical) problems.push("l'estensione certificatePolicies non deve essere critica");
    const declared = new x509.CertificatePolicyExtension(policiesExt.rawData).policies;
    for (const [oid, label] of REQUIRED_POLICIES)
      if (!declared.includes(oid)) problems.push(`in certificatePolicies manca la policy ${label}`);
  }

  const usageExt = extension(OID.keyUsage);
  if (!usageExt) problems.push("manca l'estensione keyUsage");
  else {
    if (!usageExt.critical) problems.push("l'estensione keyUsage deve essere critica");
    const usages = new x509.KeyUsagesExtension(usageExt.rawData).usages;
    const F = x509.KeyUsageFlags;
    if (!(usages & F.digitalSignature)) problems.push("in keyUsage manca digitalSignature");
    if (!(usages & F.nonRepudiation)) problems.push("in keyUsage manca nonRepudiation");
    const extra: Array<[number, string]> = [
      [F.keyEncipherment, "keyEncipherment"],
      [F.dataEncipherment, "dataEncipherment"],
      [F.keyAgreement, "keyAgreement"],
      [F.keyCertSign, "keyCertSign"],
      [F.cRLSign, "cRLSign"],
    ];
    for (const [flag, label] of extra)
      if (usages & flag) problems.push(`keyUsage non deve contenere ${label}`);
  }

  const constraintsExt = extension(OID.basicConstraints);
  if (!constraintsExt) problems.push("manca l'estensione basicConstraints (CA:FALSE)");
  else {
    if (constraintsExt.critical) problems.push("l'estensione basicConstraints non deve essere critica");
    if (new x509.BasicConstraintsExtension(constraintsExt.rawData).ca)
      problems.push("basicConstraints deve dire CA:FALSE");
  }

  return problems;
}
