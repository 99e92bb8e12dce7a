import zlib from "node:zlib";
import type express from "express";
import type { Logger } from "pino";
import type { Config } from "../app/env.server";
import type { Db } from "../db/schema";
import { appendAudit } from "../app/audit.server";
import { endOperatorAccesses } from "../app/operator/access.server";
import { CSRF_FIELD, isValidCsrfToken } from "../app/auth/csrf.server";
import { clearSessionCookieHeader, getSessionFromCookie } from "../app/auth/session.server";
import { NS } from "./constants";
import type { IdpEntry } from "./idp-registry";
import type { LoginRejection } from "./acs";
import { autoPostPage } from "./pages";
import type { SpidSaml } from "./sp";
import { consumeRequest, findPendingRequest, newRelayState, saveRequest } from "./store";
import { attr, firstChild, parseXml, text } from "./xml";

export interface LogoutDeps {
  db: Db;
  config: Config;
  logger: Logger;
  findIdp: (key: string) => IdpEntry | undefined;
  samlFor: (idp: IdpEntry) => SpidSaml;
  reject: (
    req: express.Request,
    res: express.Response,
    next: express.NextFunction,
    r: LoginRejection,
  ) => void;
}

const LOGGED_OUT = "/?uscita=1";

function decodeMessage(value: string, deflated: boolean): string {
  const buf = Buffer.from(value, "base64");
  return (deflated ? zlib.inflateRawSync(buf, { maxOutputLength: 256 * 1024 }) : buf).toString("utf8");
}

/** POST /saml/logout: the session ends here first; the IdP is told afterwards, if it can be. */
export function createLogoutHandler(deps: LogoutDeps): express.RequestHandler {
  const { db, config, logger } = deps;
  return async (req, res, next) => {
    try {
      const session = await getSessionFromCookie(db, config, req.headers.cookie);
      res.setHeader("Cache-Control", "no-store");
      if (!session) {
        res.setHeader("Set-Cookie", clearSessionCookieHeader(config));
        return res.redirect(303, LOGGED_OUT);
      }
      if (!isValidCsrfToken(session, req.body?.[CSRF_FIELD])) {
        return deps.reject(req, res, next, { code: "csrf", status: 403 });
      }
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("sessions").where("id", "=", session.id).execute();
        if (session.operator_id != null) await endOperatorAccesses(trx, session.operator_id, config);
        await appendAudit(trx, config.auditHmacKey, {
          actorKind: session.acting_as,
          actorCodiceFiscale: session.fiscal_code,
          operatorId: session.operator_id,
          subjectCitizenId: session.citizen_id,
          action: "auth.logout",
        });
      });
      res.setHeader("Set-Cookie", clearSessionCookieHeader(config));

      const idp = deps.findIdp(session.idp_entity_id);
      if (!idp || (!idp.slo.redirect && !idp.slo.post)) return res.redirect(303, LOGGED_OUT);
      try {
        const relayState = newRelayState();
        const saml = deps.samlFor(idp);
        const message = await saml.logoutRequest(
          {
            nameId: session.name_id,
            nameQualifier: session.name_qualifier,
            sessionIndex: session.session_index,
          },
          relayState,
        );
        // CieID ends its own session and shows its own page: no answer is coming back to wait for.
        if (saml.rules.answersLogout)
          await saveRequest(db, {
            id: message.id,
            kind: "logout",
            relayState,
            idpEntityId: idp.entityId,
            level: session.spid_level,
            returnTo: LOGGED_OUT,
            sessionId: null,
            issueInstant: new Date().toISOString(),
          });
        if (message.url) return res.redirect(303, message.url);
        res.type("html").send(
          autoPostPage({
            title: "Uscita in corso",
            action: message.action!,
            fields: { SAMLRequest: message.samlRequest!, RelayState: relayState },
            nonce: res.locals.cspNonce,
          }),
        );
      } catch (err) {
        // The local session is already gone: the citizen is logged out even if the IdP is not told.
        logger.warn(
          { reqId: res.locals.requestId, err: err instanceof Error ? err.message : String(err) },
          "SLO request failed",
        );
        res.redirect(303, LOGGED_OUT);
      }
    } catch (err) {
      next(err);
    }
  };
}

/** GET|POST /saml/slo: the IdP's LogoutResponse, or an IdP-initiated LogoutRequest. */
export function createSloHandler(deps: LogoutDeps): express.RequestHandler {
  const { db, config, logger } = deps;
  return async (req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    const invalid = (why: string) => {
      logger.warn({ reqId: res.locals.requestId, why }, "SLO message refused");
      deps.reject(req, res, next, { code: "logout-invalid", status: 400 });
    };
    try {
      const isGet = req.method === "GET";
      const source = (isGet ? req.query : req.body) as Record<string, unknown> | undefined;
      const samlResponse = source?.SAMLResponse;
      const samlRequest = source?.SAMLRequest;
      const encoded =
        typeof samlResponse === "string"
          ? samlResponse
          : typeof samlRequest === "string"
            ? samlRequest
            : null;
      if (!encoded) return invalid("no message");
      // node-saml accepts an unsigned Redirect message; SPID wants every logout message signed.
      if (isGet && (typeof source?.Signature !== "string" || typeof source?.SigAlg !== "string"))
        return invalid("unsigned redirect");
      let xml: string;
      let doc: Document;
      try {
        xml = decodeMessage(encoded, isGet);
        doc = parseXml(xml);
      } catch {
        return invalid("unreadable");
      }
      const root = doc.documentElement;
      const originalQuery = req.originalUrl.includes("?")
        ? req.originalUrl.slice(req.originalUrl.indexOf("?") + 1)
        : "";

      if (typeof samlResponse === "string") {
        if (root.localName !== "LogoutResponse" || root.namespaceURI !== NS.protocol)
          return invalid("not a LogoutResponse");
        const inResponseTo = attr(root, "InResponseTo");
        const pending = inResponseTo ? await findPendingRequest(db, inResponseTo, "logout") : undefined;
        const idp = pending && deps.findIdp(pending.idp_entity_id);
        if (!pending || !idp) return invalid("unknown InResponseTo");
        if (text(firstChild(root, NS.assertion, "Issuer")) !== idp.entityId) return invalid("wrong issuer");
        const saml = deps.samlFor(idp);
        try {
          if (isGet) await saml.validateRedirectAsync(req.query as Record<string, string>, originalQuery);
          else await saml.validatePostResponseAsync(req.body as Record<string, string>);
        } catch (err) {
          // A non-success status still ends here: the local session was deleted before leaving.
          if (!/status code/i.test(err instanceof Error ? err.message : ""))
            return invalid("bad LogoutResponse");
        }
        await consumeRequest(db, pending.id);
        return res.redirect(303, pending.return_to || "/?uscita=1");
      }

      if (root.localName !== "LogoutRequest" || root.namespaceURI !== NS.protocol)
        return invalid("not a LogoutRequest");
      const issuer = text(firstChild(root, NS.assertion, "Issuer"));
      const idp = issuer ? deps.findIdp(issuer) : undefined;
      if (!idp || idp.entityId !== issuer) return invalid("unknown issuer");
      const saml = deps.samlFor(idp);
      let result: { profile: { ID?: string; nameID?: string; sessionIndex?: string } | null };
      try {
        result = isGet
          ? await saml.validateRedirectAsync(req.query as Record<string, string>, originalQuery)
          : await saml.validatePostRequestAsync(req.body as Record<string, string>);
      } catch {
        return invalid("bad LogoutRequest");
      }
      const profile = result.profile;
      if (!profile?.ID || !profile.nameID) return invalid("incomplete LogoutRequest");
      let query = db
        .selectFrom("sessions")
        .selectAll()
        .where("idp_entity_id", "=", idp.entityId)
        .where("name_id", "=", profile.nameID);
      if (profile.sessionIndex) query = query.where("session_index", "=", profile.sessionIndex);
      const sessions = await query.execute();
      if (sessions.length) {
        await db.transaction().execute(async (trx) => {
          for (const s of sessions) {
            await trx.deleteFrom("sessions").where("id", "=", s.id).execute();
            if (s.operator_id != null) await endOperatorAccesses(trx, s.operator_id, config);
            await appendAudit(trx, config.auditHmacKey, {
              actorKind: s.acting_as,
              actorCodiceFiscale: s.fiscal_code,
              operatorId: s.operator_id,
              subjectCitizenId: s.citizen_id,
              action: "auth.logout",
              details: { initiatedBy: "idp" },
            });
          }
        });
      }
      res.setHeader("Set-Cookie", clearSessionCookieHeader(config));
      const relayState =
        typeof source?.RelayState === "string" && /^[A-Za-z0-9._-]{1,80}$/.test(source.RelayState)
          ? source.RelayState
          : null;
      const answer = await saml.logoutResponse(profile.ID, true, relayState);
      if (answer.url) return res.redirect(303, answer.url);
      const fields: Record<string, string> = { SAMLResponse: answer.samlResponse! };
      if (relayState) fields.RelayState = relayState;
      res.type("html").send(
        autoPostPage({
          title: "Uscita in corso",
          action: answer.action!,
          fields,
          nonce: res.locals.cspNonce,
        }),
      );
    } catch (err) {
      next(err);
    }
  };
}
