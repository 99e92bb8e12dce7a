import crypto from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import { CertificatePolicies, PolicyInformation } from "@peculiar/asn1-x509";
import * as x509 from "@peculiar/x509";
import { generate } from "selfsigned";
import { beforeAll, describe, expect, it } from "vitest";
import { OID, checkSpCertificate, generateSpCertificate } from "./sp-certificate";

const ENTITY_ID = "https://fascicolo.regione.example.it/saml/metadata";
const IPA = "r_piemon";
const SUBJECT = {
  ipaCode: IPA,
  commonName: "Fascicolo del cittadino",
  organizationName: "Regione Piemonte",
  localityName: "Torino",
  entityId: ENTITY_ID,
};

const F = x509.KeyUsageFlags;

/** What a variant changes from a compliant certificate. */
interface Variant {
  subject?: Record<string, string | null>;
  extraSubject?: Record<string, string>;
  policies?: string[] | null;
  policiesCritical?: boolean;
  keyUsage?: number | null;
  keyUsageCritical?: boolean;
  basicConstraints?: { ca: boolean; critical: boolean } | null;
  hash?: "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";
  keyBits?: number;
  notBefore?: Date;
  notAfter?: Date;
}

const keyCache = new Map<string, CryptoKeyPair>();
/** A WebCrypto RSA key signs with the hash it was made for: one key per size and hash. */
async function keys(bits: number, hash: string): Promise<CryptoKeyPair> {
  const cached = keyCache.get(`${bits}/${hash}`);
  if (cached) return cached;
  const pair = (await crypto.webcrypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", hash, publicExponent: new Uint8Array([1, 0, 1]), modulusLength: bits },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  keyCache.set(`${bits}/${hash}`, pair);
  return pair;
}

async function certificate(v: Variant = {}): Promise<string> {
  const subject: Record<string, string | null> = {
    [OID.commonName]: SUBJECT.commonName,
    [OID.countryName]: "IT",
    [OID.localityName]: SUBJECT.localityName,
    [OID.organizationIdentifier]: `PA:IT-${IPA}`,
    [OID.organizationName]: SUBJECT.organizationName,
    [OID.uri]: ENTITY_ID,
    ...v.subject,
    ...v.extraSubject,
  };
  const name = Object.entries(subject)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([oid, value]) => ({ [oid]: [{ utf8String: value }] }));
  const extensions: x509.Extension[] = [];
  const bc = v.basicConstraints === undefined ? { ca: false, critical: false } : v.basicConstraints;
  if (bc) extensions.push(new x509.BasicConstraintsExtension(bc.ca, undefined, bc.critical));
  const usage = v.keyUsage === undefined ? F.digitalSignature | F.nonRepudiation : v.keyUsage;
  if (usage !== null) extensions.push(new x509.KeyUsagesExtension(usage, v.keyUsageCritical ?? true));
  const policies = v.policies === undefined ? [OID.agIDcert, OID.spidPublicSectorSP] : v.policies;
  if (policies) {
    const value = new CertificatePolicies(
      policies.map((p) => new PolicyInformation({ policyIdentifier: p })),
    );
    extensions.push(
      new x509.Extension(OID.certificatePolicies, v.policiesCritical ?? false, AsnConvert.serialize(value)),
    );
  }
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01" + crypto.randomBytes(8).toString("hex"),
    name: new x509.Name(name),
    notBefore: v.notBefore ?? new Date(Date.now() - 60_000),
    notAfter: v.notAfter ?? new Date(Date.now() + 365 * 86_400_000),
    signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: v.hash ?? "SHA-256" } as Algorithm,
    keys: await keys(v.keyBits ?? 2048, v.hash ?? "SHA-256"),
    extensions,
  });
  return cert.toString("pem");
}

const check = (pem: string) => checkSpCertificate(pem, { ipaCode: IPA, entityId: ENTITY_ID });

describe("checkSpCertificate: AgID's profile for public SPs (Avviso SPID n. 29 v3)", () => {
  beforeAll(async () => {
    await keys(2048, "SHA-256");
  });

  it("accepts a compliant certificate", async () => {
    expect(check(await certificate())).toEqual([]);
  });

  it("accepts SHA-512 and a 3072-bit key, as AgID's validator does", async () => {
    expect(check(await certificate({ hash: "SHA-512", keyBits: 3072 }))).toEqual([]);
  });

  it("accepts the certificate the demo generates from the ORG_* settings, with its key", async () => {
    const pair = await generateSpCertificate(SUBJECT);
    expect(check(pair.cert)).toEqual([]);
    // The key signs what the certificate verifies.
    const data = Buffer.from("firma di prova");
    const signature = crypto.sign("sha256", data, pair.key);
    expect(crypto.verify("sha256", data, pair.cert, signature)).toBe(true);
    const parsed = new crypto.X509Certificate(pair.cert);
    expect(parsed.subject).toContain("organizationIdentifier=PA:IT-r_piemon");
    expect(parsed.subject).toContain("L=Torino");
    expect(parsed.subject).toContain("C=IT");
    expect(parsed.publicKey.asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(2048);
  });

  it("refuses a certificate made the old way (selfsigned, commonName only), naming every gap", async () => {
    const old = await generate([{ name: "commonName", value: "localhost" }], {
      keySize: 2048,
      algorithm: "sha256",
    });
    const problems = check(old.cert);
    const text = problems.join("\n");
    for (const expected of [
      "organizationIdentifier",
      "countryName",
      "localityName",
      "organizationName",
      "uri",
      "certificatePolicies",
    ])
      expect(text).toContain(expected);
  });

  it.each<[string, Variant, RegExp]>([
    [
      "without organizationIdentifier",
      { subject: { [OID.organizationIdentifier]: null } },
      /manca organizationIdentifier/,
    ],
    ["without commonName", { subject: { [OID.commonName]: null } }, /manca commonName/],
    ["without countryName", { subject: { [OID.countryName]: null } }, /manca countryName/],
    ["without localityName", { subject: { [OID.localityName]: null } }, /manca localityName/],
    ["without organizationName", { subject: { [OID.organizationName]: null } }, /manca organizationName/],
    ["without uri", { subject: { [OID.uri]: null } }, /manca uri/],
    ["with an empty localityName", { subject: { [OID.localityName]: " " } }, /localityName è vuoto/],
    [
      "with organizationIdentifier not of the PA:IT- form",
      { subject: { [OID.organizationIdentifier]: "VATIT-01234567890" } },
      /organizationIdentifier deve avere la forma PA:IT-/,
    ],
    [
      "with the IPA code of another ente",
      { subject: { [OID.organizationIdentifier]: "PA:IT-c_l219" } },
      /organizationIdentifier deve essere PA:IT-r_piemon/,
    ],
    [
      "with countryName other than IT",
      { subject: { [OID.countryName]: "FR" } },
      /countryName deve essere IT/,
    ],
    [
      "with a uri other than the entityID",
      { subject: { [OID.uri]: "https://altro.example.it/metadata" } },
      /uri del soggetto deve essere l'entityID/,
    ],
    [
      "with an emailAddress in the subject",
      { extraSubject: { [OID.emailAddress]: "pec@regione.example.it" } },
      /non deve contenere emailAddress/,
    ],
    ["without certificatePolicies", { policies: null }, /manca l'estensione certificatePolicies/],
    [
      "without the agIDcert policy",
      { policies: [OID.spidPublicSectorSP] },
      /manca la policy agIDcert \(1\.3\.76\.16\.6\)/,
    ],
    [
      "without the spid-publicsector-SP policy",
      { policies: [OID.agIDcert] },
      /manca la policy spid-publicsector-SP \(1\.3\.76\.16\.4\.2\.1\)/,
    ],
    [
      "with the private-sector policy instead of the public one",
      { policies: [OID.agIDcert, "1.3.76.16.4.3.1"] },
      /manca la policy spid-publicsector-SP/,
    ],
    [
      "with certificatePolicies critical",
      { policiesCritical: true },
      /certificatePolicies non deve essere critica/,
    ],
    ["without keyUsage", { keyUsage: null }, /manca l'estensione keyUsage/],
    ["with keyUsage not critical", { keyUsageCritical: false }, /keyUsage deve essere critica/],
    ["without digitalSignature", { keyUsage: F.nonRepudiation }, /manca digitalSignature/],
    ["without nonRepudiation", { keyUsage: F.digitalSignature }, /manca nonRepudiation/],
    [
      "with keyEncipherment",
      { keyUsage: F.digitalSignature | F.nonRepudiation | F.keyEncipherment },
      /non deve contenere keyEncipherment/,
    ],
    ["without basicConstraints", { basicConstraints: null }, /manca l'estensione basicConstraints/],
    [
      "with basicConstraints critical",
      { basicConstraints: { ca: false, critical: true } },
      /basicConstraints non deve essere critica/,
    ],
    ["with CA:TRUE", { basicConstraints: { ca: true, critical: false } }, /CA:FALSE/],
    ["signed with SHA-1", { hash: "SHA-1" }, /SHA-256.*ora: RSASSA-PKCS1-v1_5 con SHA-1/],
    ["with a 1024-bit key", { keyBits: 1024 }, /almeno 2048 bit \(ora: 1024\)/],
    [
      "expired",
      { notBefore: new Date(Date.now() - 2 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) },
      /scaduto/,
    ],
    [
      "not yet valid",
      { notBefore: new Date(Date.now() + 86_400_000), notAfter: new Date(Date.now() + 2 * 86_400_000) },
      /non è ancora valido/,
    ],
  ])("refuses a certificate %s, naming the deviation", async (_name, variant, expected) => {
    const problems = check(await certificate(variant));
    expect(problems.length, problems.join("\n")).toBeGreaterThan(0);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("names each deviation once, all together", async () => {
    const problems = check(
      await certificate({
        subject: { [OID.localityName]: null, [OID.organizationIdentifier]: null },
        policies: null,
        keyUsageCritical: false,
      }),
    );
    expect(problems).toHaveLength(4);
  });

  it("refuses what is not a certificate", () => {
    expect(check("non è un certificato")).toEqual([
      "il file non contiene un certificato X.509 leggibile in formato PEM",
    ]);
  });
});
