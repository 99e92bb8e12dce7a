/**
 * The demo identity provider: a real SAML IdP (samlify) that the portal's SP talks to exactly as
 * it would to a SPID IdP, or to CieID, with the seeded personas instead of credentials. One
 * instance per kind (routes under /demo-idp/ or /demo-cie/, see profile.ts). Mounted only in demo
 * mode (DEMO=true); see docs/decisions/011-demo-idp.md.
 */
import express from "express";
import type { Logger } from "pino";
import { todayIso } from "../../app/clock.server";
import type { Config } from "../../app/env.server";
import { normalizeCodiceFiscale, validateCodiceFiscale } from "../../app/rules/codice-fiscale";
import type { Db } from "../../db/schema";
import { type SpidLevel } from "../constants";
import { ensureDemoIdpKeys } from "./keys";
import { RequestError, createIdpSaml, type OutboundMessage, type PendingLogin } from "./idp";
import { createPages } from "./pages";
import { describePersonas, findUser, type Persona } from "./people";
import { PERSONA_CODES, PERSONA_STORIES } from "./personas";
import type { Credential } from "../../app/rules/identity";
import { isErrorCode, profileFor } from "./profile";
import { deriveKey, seal, unseal } from "./token";

export interface DemoIdpDeps {
  /** SPID's demo IdP (/demo-idp/) or CieID's (/demo-cie/). */
  kind: Credential;
  db: Db;
  config: Config;
  logger: Logger;
  root: string;
  sp: { entityId: string; acsUrl: string; sloUrl: string; metadataXml: () => string };
}

export interface DemoIdp {
  entityId: string;
  metadataXml: string;
  ssoUrl: string;
  sloUrl: string;
  /** Routes under /demo-idp/ (SPID) or /demo-cie/ (CIE): mount it at the application root. */
  router: express.Router;
}

/** A login page may be answered within this time. */
const PENDING_MAX_AGE_S = 30 * 60;
/** The IdP's own session (what "Esci da tutti i servizi" or the SP's LogoutRequest ends). */
const SESSION_MAX_AGE_S = 8 * 3600;

interface PendingToken {
  rid: string;
  sp: string;
  acs: string;
  lvl: SpidLevel;
  cmp: string;
  force: boolean;
  rs: string;
  b: "redirect" | "post";
}

interface SessionToken {
  sp: string;
  nameId: string;
  sessionIndex: string;
  label: string;
}

function toPending(t: PendingToken): PendingLogin {
  return {
    requestId: t.rid,
    spEntityId: t.sp,
    acsUrl: t.acs,
    level: t.lvl,
    comparison: t.cmp,
    forceAuthn: t.force,
    relayState: t.rs,
    binding: t.b,
  };
}

function fromPending(p: PendingLogin): PendingToken {
  return {
    rid: p.requestId,
    sp: p.spEntityId,
    acs: p.acsUrl,
    lvl: p.level,
    cmp: p.comparison,
    force: p.forceAuthn,
    rs: p.relayState,
    b: p.binding,
  };
}

function readCookie(req: express.Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function rawQuery(req: express.Request): string {
  const q = req.originalUrl.indexOf("?");
  return q < 0 ? "" : req.originalUrl.slice(q + 1);
}

function bodyString(req: express.Request, name: string): string | undefined {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : undefined;
}

export async function createDemoIdp(deps: DemoIdpDeps): Promise<DemoIdp> {
  const { db, config, logger } = deps;
  const profile = profileFor(deps.kind);
  const base = profile.basePath;
  const log = logger.child({ component: base.slice(1) });
  const keys = await ensureDemoIdpKeys(config.dataDir, profile);
  const saml = createIdpSaml({
    publicUrl: config.publicUrl,
    keys,
    spMetadataXml: deps.sp.metadataXml,
    profile,
  });
  const { autoPostPage, homePage, loginPage, messagePage } = createPages(profile);
  const pendingKey = deriveKey(keys.key, "pending-request");
  const sessionKey = deriveKey(keys.key, "session");
  const sessionCookie = `${profile.cookiePrefix}_sessione`;
  const logoutCookie = `${profile.cookiePrefix}_uscita`;
  const cookieFlags = `Path=${base}; HttpOnly; SameSite=Lax${config.secure ? "; Secure" : ""}`;
  const portalLink = { href: `${config.publicUrl}/`, label: "Torna al portale" };
  const today = () => todayIso(config);

  let personasCache: Persona[] | null = null;
  const personas = async () =>
    (personasCache ??= await describePersonas(db, PERSONA_CODES, today(), PERSONA_STORIES));

  const session = (req: express.Request) =>
    unseal<SessionToken>(readCookie(req, sessionCookie), sessionKey, SESSION_MAX_AGE_S);

  const send = (res: express.Response, status: number, html: string) => {
    res.status(status).setHeader("Cache-Control", "no-store");
    res.type("html").send(html);
  };

  const badRequest = (res: express.Response, err: unknown, what: string) => {
    const reason =
      err instanceof RequestError ? err.reason : err instanceof Error ? err.message : String(err);
    log.warn({ reason: reason.slice(0, 200) }, `demo IdP refused ${what}`);
    send(
      res,
      400,
      messagePage({
        title: "Richiesta non valida",
        message: err instanceof RequestError ? err.message : "La richiesta ricevuta non è valida.",
        detail: reason.slice(0, 200),
        links: [portalLink],
      }),
    );
  };

  const deliver = (res: express.Response, out: OutboundMessage, title: string, message: string) => {
    if (out.binding === "redirect") {
      res.setHeader("Cache-Control", "no-store");
      res.redirect(302, out.url);
      return;
    }
    send(
      res,
      200,
      autoPostPage({
        action: out.url,
        fields: out.fields,
        nonce: res.locals.cspNonce as string | undefined,
        title,
        message,
      }),
    );
  };

  const renderLogin = async (
    res: express.Response,
    status: number,
    req: express.Request,
    pending: PendingLogin,
    token: string,
    extra: { selectedLevel?: SpidLevel; codiceFiscale?: string; codiceFiscaleError?: string } = {},
  ) => {
    const active = session(req);
    send(
      res,
      status,
      loginPage({
        token,
        serviceName: saml.sp().info.displayName,
        requestedLevel: pending.level,
        forceAuthn: pending.forceAuthn,
        selectedLevel: extra.selectedLevel ?? pending.level,
        personas: await personas(),
        codiceFiscale: extra.codiceFiscale,
        codiceFiscaleError: extra.codiceFiscaleError,
        activeSession: active ? { label: active.label } : null,
      }),
    );
  };

  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: "512kb", parameterLimit: 50 });

  router.get([base, `${base}/`], (req, res) => {
    const active = session(req);
    send(
      res,
      200,
      homePage({ session: active ? { label: active.label } : null, portalUrl: config.publicUrl }),
    );
  });

  router.get(`${base}/metadata`, (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.type("application/xml").send(saml.metadataXml);
  });

  const sso =
    (binding: "redirect" | "post"): express.RequestHandler =>
    async (req, res, next) => {
      try {
        let pending: PendingLogin;
        try {
          pending = await saml.parseAuthnRequest(binding, {
            query: req.query as Record<string, unknown>,
            body: req.body as Record<string, unknown> | undefined,
            rawQuery: rawQuery(req),
          });
        } catch (err) {
          return badRequest(res, err, "an AuthnRequest");
        }
        log.info({ binding, level: pending.level, forceAuthn: pending.forceAuthn }, "demo IdP login page");
        await renderLogin(res, 200, req, pending, seal(fromPending(pending), pendingKey));
      } catch (err) {
        next(err);
      }
    };
  router.get(`${base}/sso`, sso("redirect"));
  router.post(`${base}/sso`, form, sso("post"));

  router.post(`${base}/login`, form, async (req, res, next) => {
    try {
      const token = bodyString(req, "request");
      const payload = unseal<PendingToken>(token, pendingKey, PENDING_MAX_AGE_S);
      if (!payload || !token) {
        return send(
          res,
          400,
          messagePage({
            title: "Richiesta scaduta",
            message: "La richiesta di accesso è scaduta o non è valida. Torna al portale e ripeti l'accesso.",
            links: [portalLink],
          }),
        );
      }
      const pending = toPending(payload);
      const levelField = bodyString(req, "level");
      const level: SpidLevel =
        levelField === "1" ? 1 : levelField === "2" ? 2 : levelField === "3" ? 3 : pending.level;

      const error = bodyString(req, "error");
      if (error !== undefined) {
        if (!isErrorCode(profile, error))
          return badRequest(
            res,
            new RequestError("Codice di errore sconosciuto.", "error-code"),
            "an error choice",
          );
        log.info({ code: error }, "demo IdP answers with an error");
        return deliver(
          res,
          {
            binding: "post",
            url: pending.acsUrl,
            fields: {
              SAMLResponse: saml.errorResponse(pending, error),
              ...(pending.relayState ? { RelayState: pending.relayState } : {}),
            },
          },
          "Ritorno al servizio",
          "Stai per tornare al servizio senza aver effettuato l'accesso.",
        );
      }

      const persona = bodyString(req, "persona");
      const typed = bodyString(req, "fiscalCode") ?? "";
      const codiceFiscale = normalizeCodiceFiscale(persona ?? typed);
      const user =
        codiceFiscale && /^[A-Z0-9]{16}$/.test(codiceFiscale) ? await findUser(db, codiceFiscale) : null;
      if (!user) {
        const check = validateCodiceFiscale(codiceFiscale);
        const reason = !check.ok
          ? check.reason
          : "Nessuna persona con questo codice fiscale nei dati dimostrativi del portale.";
        return renderLogin(res, 400, req, pending, token, {
          selectedLevel: level,
          codiceFiscale: persona ? "" : typed.slice(0, 32),
          codiceFiscaleError: reason,
        });
      }

      const answer = await saml.loginResponse(pending, user, level);
      const sessionToken = seal(
        {
          sp: pending.spEntityId,
          nameId: answer.nameId,
          sessionIndex: answer.sessionIndex,
          label: `${user.name} ${user.familyName}`,
        } satisfies SessionToken,
        sessionKey,
      );
      res.append(
        "Set-Cookie",
        `${sessionCookie}=${sessionToken}; Max-Age=${SESSION_MAX_AGE_S}; ${cookieFlags}`,
      );
      log.info({ level, requested: pending.level }, "demo IdP answers with an assertion");
      return deliver(
        res,
        {
          binding: "post",
          url: pending.acsUrl,
          fields: {
            SAMLResponse: answer.samlResponse,
            ...(pending.relayState ? { RelayState: pending.relayState } : {}),
          },
        },
        "Accesso effettuato",
        `Hai effettuato l'accesso come ${user.name} ${user.familyName}. Stai per tornare al servizio.`,
      );
    } catch (err) {
      next(err);
    }
  });

  const slo =
    (binding: "redirect" | "post"): express.RequestHandler =>
    async (req, res, next) => {
      try {
        const message = (binding === "redirect" ? req.query : req.body) as
          Record<string, unknown> | undefined;
        const inbound = {
          query: req.query as Record<string, unknown>,
          body: req.body as Record<string, unknown> | undefined,
          rawQuery: rawQuery(req),
        };
        if (typeof message?.SAMLRequest === "string") {
          // SP-initiated logout: end the IdP session and confirm to the SP.
          let parsed: Awaited<ReturnType<typeof saml.parseLogoutRequest>>;
          try {
            parsed = await saml.parseLogoutRequest(binding, inbound);
          } catch (err) {
            return badRequest(res, err, "a LogoutRequest");
          }
          res.append("Set-Cookie", `${sessionCookie}=; Max-Age=0; ${cookieFlags}`);
          if (!profile.singleLogout) {
            // CieID answers no LogoutRequest: it ends its own session and says so.
            log.info({ binding }, "demo IdP ends its session without a LogoutResponse");
            return send(
              res,
              200,
              messagePage({
                title: "Logout effettuato con successo",
                message: `Hai chiuso la sessione di ${profile.orgName}.`,
                links: [portalLink],
              }),
            );
          }
          const answerBinding = saml.spSloBinding(binding);
          if (!answerBinding)
            return badRequest(
              res,
              new RequestError("Il servizio non ha un indirizzo di uscita.", "slo"),
              "a LogoutRequest",
            );
          log.info({ binding, answerBinding }, "demo IdP confirms a logout");
          return deliver(
            res,
            saml.logoutResponse(answerBinding, parsed.requestId, parsed.relayState),
            "Uscita in corso",
            "Stai uscendo dal servizio.",
          );
        }
        if (typeof message?.SAMLResponse === "string") {
          // The SP's answer to an IdP-initiated logout.
          if (!profile.singleLogout)
            return badRequest(
              res,
              new RequestError("Questo identity provider non avvia uscite e non attende risposte.", "no-slo"),
              "a LogoutResponse",
            );
          let parsed: Awaited<ReturnType<typeof saml.parseLogoutResponse>>;
          try {
            parsed = await saml.parseLogoutResponse(binding, inbound);
          } catch (err) {
            return badRequest(res, err, "a LogoutResponse");
          }
          const expected = unseal<{ id: string }>(readCookie(req, logoutCookie), sessionKey, 600);
          if (!expected || expected.id !== parsed.inResponseTo) {
            return badRequest(
              res,
              new RequestError(
                "La conferma di uscita non corrisponde a una richiesta di questo identity provider.",
                "in-response-to",
              ),
              "a LogoutResponse",
            );
          }
          res.append("Set-Cookie", `${logoutCookie}=; Max-Age=0; ${cookieFlags}`);
          return send(
            res,
            200,
            messagePage({
              title: "Sei uscito da tutti i servizi",
              message:
                "Il servizio ha chiuso la tua sessione e l'identity provider dimostrativo ha chiuso la sua.",
              links: [portalLink],
            }),
          );
        }
        return badRequest(res, new RequestError("Manca il messaggio SAML.", "missing"), "a logout message");
      } catch (err) {
        next(err);
      }
    };
  router.get(`${base}/slo`, slo("redirect"));
  router.post(`${base}/slo`, form, slo("post"));

  // "Esci da tutti i servizi": an IdP-initiated LogoutRequest to the SP. A POST form, so that
  // another site cannot end the session (the SameSite=Lax cookie does not travel with it).
  // Only where the IdP does single logout (not CieID).
  if (profile.singleLogout) {
    router.post(`${base}/logout`, form, (req, res, next) => {
      try {
        const active = session(req);
        res.append("Set-Cookie", `${sessionCookie}=; Max-Age=0; ${cookieFlags}`);
        if (!active) {
          return send(res, 200, homePage({ session: null, portalUrl: config.publicUrl }));
        }
        const binding = saml.spSloBinding("redirect");
        if (!binding)
          return badRequest(
            res,
            new RequestError("Il servizio non ha un indirizzo di uscita.", "slo"),
            "a logout",
          );
        const out = saml.logoutRequest(binding, active.nameId, active.sessionIndex, "");
        res.append(
          "Set-Cookie",
          `${logoutCookie}=${seal({ id: out.id }, sessionKey)}; Max-Age=600; ${cookieFlags}`,
        );
        log.info({ binding }, "demo IdP starts a logout");
        return deliver(res, out, "Uscita in corso", "Stai uscendo da tutti i servizi.");
      } catch (err) {
        next(err);
      }
    });
  }

  return {
    entityId: saml.entityId,
    metadataXml: saml.metadataXml,
    ssoUrl: saml.ssoUrl,
    sloUrl: saml.sloUrl,
    router,
  };
}
