import express from "express";
import passportModule from "passport";
import type { Logger } from "pino";
import { ConfigError, type Config } from "../app/env.server";
import type { Db } from "../db/schema";
import type { IdpSummary, SamlService } from "../app/auth/saml-service";
import { safeReturnPath } from "../app/auth/return-path";
import { hashToken, sessionTokenFrom } from "../app/auth/session.server";
import { CREDENTIALS, type Credential } from "../app/rules/identity";
import { createAcsHandler, type LoginRejection } from "./acs";
import { CIE_IDP_ENTITY_IDS } from "./cie-rules";
import { CLOCK_SKEW_MS, parseLevel } from "./constants";
import { createDemoIdp } from "./demo-idp/index";
import {
  IdpRegistry,
  loadIdpDirectory,
  parseIdpMetadata,
  type BindingName,
  type IdpEntry,
} from "./idp-registry";
import { ensureKeyPair } from "./keys";
import { createLogoutHandler, createSloHandler } from "./logout";
import { buildSpMetadata } from "./metadata";
import { autoPostPage } from "./pages";
import { SpidSaml, SpidStrategy } from "./sp";
import { checkSpCertificate, generateSpCertificate } from "./sp-certificate";
import { newRelayState, purgeExpired, saveRequest } from "./store";

export interface SamlDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** Project root (for saml/idps and the demo IdP's files). */
  root: string;
}

export interface SamlSetup {
  router: express.Router;
  /** Origins of the IdPs' SSO endpoints, allowed in the CSP form-action. */
  formActionOrigins: string[];
  service: SamlService;
  close?: () => Promise<void>;
}

const PURGE_INTERVAL_MS = 10 * 60_000;

function summary(idp: IdpEntry): IdpSummary {
  return { id: idp.id, enteId: idp.entityId, name: idp.name, credential: idp.credential };
}

/**
 * Hands a refused login to Remix as a GET of the same URL: the route there (saml.acs.tsx,
 * saml.login.tsx...) renders the reason from the load context with the status given, and the page
 * hydrates on the route it was rendered with.
 */
function rejectToErrorPage(
  req: express.Request,
  res: express.Response,
  next: express.NextFunction,
  r: LoginRejection,
) {
  res.locals.samlError = { code: r.code, status: r.status, detail: r.detail };
  req.method = "GET";
  next();
}

/**
 * The SP certificate must follow AgID's profile for public SPs (Avviso SPID n. 29 v3). Outside
 * demo mode a deviation stops the start, each one named, unless SAML_SP_CERT_CHECK=warn (test
 * environments); in demo mode, where the portal made the certificate itself, it is only logged (a
 * data folder from an older version keeps its old certificate until DATA_DIR/saml is removed).
 */
function checkCertificateAtStart(config: Config, logger: Logger, cert: string, entityId: string): void {
  const problems = checkSpCertificate(cert, { ipaCode: config.org.ipaCode, entityId });
  if (problems.length === 0) return;
  if (config.demo || config.saml.certCheck === "warn") {
    logger.warn(
      { certFile: config.saml.certFile, problems },
      config.demo
        ? "SP certificate off AgID's profile (Avviso SPID n. 29 v3); remove DATA_DIR/saml to generate a compliant one"
        : "SP certificate off AgID's profile (Avviso SPID n. 29 v3); allowed by SAML_SP_CERT_CHECK=warn",
    );
    return;
  }
  const lines = problems.map((p) => `- SAML_SP_CERT_FILE: ${p}`);
  throw new ConfigError(
    `Certificato del Service Provider non conforme all'Avviso SPID n. 29 v3 (${config.saml.certFile}):\n` +
      `${lines.join("\n")}\n` +
      "Solo per ambienti di prova: SAML_SP_CERT_CHECK=warn lo consente con un avviso nel log.",
  );
}

export async function createSaml(deps: SamlDeps): Promise<SamlSetup> {
  const { db, config, logger } = deps;
  const publicUrl = config.publicUrl;
  const spEntityId = config.saml.spEntityId;
  const acsUrl = `${publicUrl}/saml/acs`;
  const sloUrl = `${publicUrl}/saml/slo`;

  const { key, cert } = await ensureKeyPair({
    keyFile: config.saml.keyFile,
    certFile: config.saml.certFile,
    generate: () =>
      generateSpCertificate({
        ipaCode: config.org.ipaCode,
        commonName: config.org.displayName,
        organizationName: config.org.name,
        localityName: config.org.locality,
        entityId: spEntityId,
      }),
  });
  checkCertificateAtStart(config, logger, cert, spEntityId);
  // One entity, one metadata document per federation (they differ in attributes and contacts).
  const metadataFor = (credential: Credential) =>
    buildSpMetadata({
      entityId: spEntityId,
      acsUrl,
      sloUrl,
      publicUrl,
      serviceName: config.org.displayName,
      org: config.org,
      key,
      cert,
      credential,
    });
  const metadataXml = Object.fromEntries(CREDENTIALS.map((c) => [c, metadataFor(c)])) as Record<
    Credential,
    string
  >;

  const registry = new IdpRegistry();
  for (const [credential, dir] of [
    ["spid", config.saml.idpDir],
    ["cie", config.saml.cieIdpDir],
  ] as const) {
    const loaded = await loadIdpDirectory(dir, credential);
    for (const problem of loaded.problems) logger.warn({ problem, credential }, "IdP metadata skipped");
    for (const entry of loaded.entries) {
      if (credential === "cie" && !Object.values<string>(CIE_IDP_ENTITY_IDS).includes(entry.entityId))
        logger.warn(
          { entityId: entry.entityId, file: entry.source },
          "CIE metadata for an IdP that is not CieID",
        );
      registry.add(entry);
    }
  }

  const router = express.Router();
  if (config.demo) {
    for (const credential of CREDENTIALS) {
      const demo = await createDemoIdp({
        db,
        config,
        logger,
        root: deps.root,
        kind: credential,
        sp: { entityId: spEntityId, acsUrl, sloUrl, metadataXml: () => metadataXml[credential] },
      });
      // Short ids in URLs: /saml/login?idp=demo (SPID) and ?idp=demo-cie.
      const source = credential === "spid" ? "demo.xml" : "demo-cie.xml";
      for (const entry of parseIdpMetadata(demo.metadataXml, source, credential)) registry.add(entry);
      router.use(demo.router);
    }
  }
  if (registry.list("spid").length === 0)
    logger.warn({ dir: config.saml.idpDir }, "no SPID identity provider configured");

  const passport = new passportModule.Passport();
  const sp = { entityId: spEntityId, acsUrl, key, cert, clockSkewMs: CLOCK_SKEW_MS };
  const samls = new Map<string, SpidSaml>();
  const strategyName = (idp: IdpEntry) => `spid:${idp.id}`;
  for (const idp of registry.list()) {
    const saml = new SpidSaml(sp, idp);
    samls.set(idp.entityId, saml);
    passport.use(strategyName(idp), new SpidStrategy(strategyName(idp), saml));
  }
  const samlFor = (idp: IdpEntry) => samls.get(idp.entityId)!;

  const form = express.urlencoded({ extended: false, limit: "512kb", parameterLimit: 20 });

  const sendMetadata =
    (credential: Credential): express.RequestHandler =>
    (_req, res) => {
      res.setHeader("Cache-Control", "public, max-age=3600");
      res.type("application/samlmetadata+xml").send(metadataXml[credential]);
    };
  router.get("/saml/metadata", sendMetadata("spid"));
  // The document to upload to CieID's federation portal (same entity, CIE's attributes and contacts).
  router.get("/saml/metadata/cie", sendMetadata("cie"));

  router.get("/saml/login", async (req, res, next) => {
    const reject = (detail: string, code = "bad-request") =>
      rejectToErrorPage(req, res, next, { code, status: 400, detail });
    try {
      const { idp: idpKey, level: levelParam, next: nextParam, binding: bindingParam } = req.query;
      // Without an IdP, the Remix route renders the SPID button page.
      if (idpKey === undefined || idpKey === "") return next();
      if (typeof idpKey !== "string") return reject("Parametro idp non valido.");
      const idp = registry.find(idpKey);
      if (!idp) return reject("Il gestore di identità indicato non è configurato.", "idp-unknown");
      const level = levelParam === undefined || levelParam === "" ? config.spidLevel : parseLevel(levelParam);
      if (!level) return reject("Il livello di accesso deve essere 1, 2 o 3.");
      if (nextParam !== undefined && typeof nextParam !== "string")
        return reject("Parametro next non valido.");
      let binding: BindingName = idp.sso.redirect ? "redirect" : "post";
      if (bindingParam !== undefined) {
        if (bindingParam !== "redirect" && bindingParam !== "post")
          return reject("Il binding deve essere redirect o post.");
        if (!idp.sso[bindingParam])
          return reject("Il gestore di identità non supporta il binding richiesto.");
        binding = bindingParam;
      }
      const token = sessionTokenFrom(req.headers.cookie, config);
      const relayState = newRelayState();
      const saml = samlFor(idp);
      const built =
        binding === "redirect" ? await saml.loginRedirect(level, relayState) : await saml.loginPost(level);
      await saveRequest(db, {
        id: built.id,
        kind: "authn",
        relayState,
        idpEntityId: idp.entityId,
        level,
        returnTo: safeReturnPath(nextParam) ?? "",
        sessionId: token ? hashToken(token) : null,
        issueInstant: built.issueInstant,
      });
      res.setHeader("Cache-Control", "no-store");
      // HTTP-Redirect binding: 302, the status AgID's conformance tooling accepts (with 200).
      if ("url" in built) return res.redirect(302, built.url);
      res.type("html").send(
        autoPostPage({
          title: idp.credential === "cie" ? "Accesso con CIE in corso" : "Accesso con SPID in corso",
          action: built.action,
          fields: { SAMLRequest: built.samlRequest, RelayState: relayState },
          nonce: res.locals.cspNonce,
        }),
      );
    } catch (err) {
      next(err);
    }
  });

  router.post(
    "/saml/acs",
    form,
    createAcsHandler({
      db,
      config,
      logger,
      passport,
      findIdp: (entityId) => registry.find(entityId),
      strategyName,
      acsUrl,
      spEntityId,
      reject: rejectToErrorPage,
    }),
  );

  const logoutDeps = {
    db,
    config,
    logger,
    findIdp: (k: string) => registry.find(k),
    samlFor,
    reject: rejectToErrorPage,
  };
  router.post("/saml/logout", form, createLogoutHandler(logoutDeps));
  router.get("/saml/slo", createSloHandler(logoutDeps));
  router.post("/saml/slo", form, createSloHandler(logoutDeps));
  // A body the form parser refuses (too large, too many fields) is a 400, not a 500.
  router.use(
    "/saml",
    (err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
      const status = (err as { status?: number }).status;
      if (status && status >= 400 && status < 500)
        return rejectToErrorPage(req, res, next, {
          code: "bad-request",
          status: 400,
          detail: "Richiesta non leggibile.",
        });
      next(err);
    },
  );

  const purge = () =>
    purgeExpired(db, config.sessionIdleMinutes).catch((err) =>
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, "SAML purge failed"),
    );
  // The purge in progress, awaited by close(): the database must not close under it.
  let purging = purge();
  const timer = setInterval(() => {
    purging = purge();
  }, PURGE_INTERVAL_MS);
  timer.unref();

  const service: SamlService = {
    listIdps: (credential) => registry.list(credential).map(summary),
    findIdp: (k) => {
      const idp = registry.find(k);
      return idp ? summary(idp) : undefined;
    },
    defaultLevel: config.spidLevel,
  };

  return {
    router,
    formActionOrigins: registry.formActionOrigins(),
    service,
    close: async () => {
      clearInterval(timer);
      await purging;
    },
  };
}
