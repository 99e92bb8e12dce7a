import type express from "express";
import type { Profile } from "@node-saml/node-saml";
import type passportModule from "passport";
import type { Logger } from "pino";
import type { Config } from "../app/env.server";
import type { Db } from "../db/schema";
import { appendAudit } from "../app/audit.server";
import { safeReturnPath } from "../app/auth/return-path";
import { createSession, sessionCookieHeader } from "../app/auth/session.server";
import { validateCodiceFiscale } from "../app/rules/codice-fiscale";
import { CLOCK_SKEW_MS, parseLevel } from "./constants";
import type { IdpEntry } from "./idp-registry";
import { rulesFor } from "./cie-rules";
import { checkLoginResponse, readInResponseTo } from "./spid-rules";
import { consumeRequest, findPendingRequest, rememberAssertion } from "./store";

export interface LoginRejection {
  code: string;
  status: number;
  detail?: string;
}

export interface AcsDeps {
  db: Db;
  config: Config;
  logger: Logger;
  passport: Passport;
  findIdp: (entityId: string) => IdpEntry | undefined;
  strategyName: (idp: IdpEntry) => string;
  acsUrl: string;
  spEntityId: string;
  /** Hands a refused login to the Remix error page (4xx, never a redirect). */
  reject: (
    req: express.Request,
    res: express.Response,
    next: express.NextFunction,
    r: LoginRejection,
  ) => void;
}

type Passport = InstanceType<typeof passportModule.Passport>;

const MAX_RESPONSE_BYTES = 256 * 1024;
const FISCAL_NUMBER_PREFIX = "TINIT-";

function nodeSamlRejection(err: unknown): LoginRejection {
  const message = err instanceof Error ? err.message : String(err);
  if (/signature|signed|reference|too many transforms/i.test(message))
    return {
      code: "signature",
      status: 403,
      detail: "La firma dell'asserzione non è valida o non appartiene al gestore di identità.",
    };
  if (/expired|not yet valid/i.test(message))
    return { code: "time", status: 400, detail: "L'asserzione è fuori dal suo periodo di validità." };
  if (/audience/i.test(message))
    return { code: "audience", status: 400, detail: "L'asserzione non è destinata a questo portale." };
  return { code: "response", status: 400, detail: "La risposta del gestore di identità non è valida." };
}

function authenticate(
  passport: Passport,
  name: string,
  req: express.Request,
  res: express.Response,
): Promise<Profile> {
  return new Promise((resolve, reject) => {
    const middleware = passport.authenticate(name, { session: false }, (err: unknown, user: unknown) => {
      if (err) return reject(err);
      if (!user) return reject(new Error("no profile"));
      resolve(user as Profile);
    });
    middleware(req, res, (err?: unknown) => reject(err ?? new Error("passport passed")));
  });
}

function attributeValues(profile: Profile): Record<string, string> {
  const raw = (profile.attributes ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === "string") out[name] = value.trim();
    else if (Array.isArray(value)) out[name] = value.filter((v) => typeof v === "string").join(", ");
  }
  return out;
}

function verifiedAssertionId(profile: Profile): string | null {
  const parsed = profile.getAssertion?.() as { Assertion?: { $?: { ID?: string } } } | undefined;
  return parsed?.Assertion?.$?.ID ?? null;
}

export function createAcsHandler(deps: AcsDeps): express.RequestHandler {
  const { db, config, logger } = deps;

  return async (req, res, next) => {
    const reject = (r: LoginRejection) => {
      logger.warn({ reqId: res.locals.requestId, code: r.code }, "login refused");
      deps.reject(req, res, next, r);
    };
    try {
      const encoded = req.body?.SAMLResponse;
      if (typeof encoded !== "string" || encoded.length === 0)
        return reject({ code: "bad-request", status: 400, detail: "Manca la risposta SAML." });
      if (encoded.length > MAX_RESPONSE_BYTES || !/^[A-Za-z0-9+/=\s]+$/.test(encoded))
        return reject({
          code: "malformed",
          status: 400,
          detail: "La risposta SAML non è codificata correttamente.",
        });
      const xml = Buffer.from(encoded, "base64").toString("utf8");

      const head = readInResponseTo(xml);
      if (!head.readable)
        return reject({
          code: "malformed",
          status: 400,
          detail: "La risposta non è un messaggio SAML leggibile.",
        });
      const inResponseTo = head.inResponseTo;
      if (!inResponseTo)
        return reject({
          code: "in-response-to",
          status: 400,
          detail: "La risposta non indica a quale richiesta di accesso si riferisce (InResponseTo).",
        });
      const now = new Date();
      const request = await findPendingRequest(db, inResponseTo, "authn", now);
      // One answer per request: whatever its outcome, the request is spent from here on.
      if (!request || !(await consumeRequest(db, request.id, now)))
        return reject({ code: "in-response-to-unknown", status: 400 });
      const relayState = req.body?.RelayState;
      if (relayState !== undefined && relayState !== request.relay_state)
        return reject({
          code: "relay-state",
          status: 400,
          detail: "Il RelayState non corrisponde alla richiesta.",
        });

      const idp = deps.findIdp(request.idp_entity_id);
      if (!idp) return reject({ code: "idp-unknown", status: 400 });
      const minLevel = parseLevel(request.level) ?? config.spidLevel;

      const rules = rulesFor(idp.credential);
      const verdict = checkLoginResponse(
        xml,
        {
          acsUrl: deps.acsUrl,
          spEntityId: deps.spEntityId,
          idpEntityId: idp.entityId,
          requestId: request.id,
          requestIssueInstant: new Date(request.created_at),
          minLevel,
          now,
          skewMs: CLOCK_SKEW_MS,
        },
        rules,
      );
      if (!verdict.ok) return reject({ code: verdict.code, status: verdict.status, detail: verdict.detail });
      const facts = verdict.facts;

      let profile: Profile;
      try {
        profile = await authenticate(deps.passport, deps.strategyName(idp), req, res);
      } catch (err) {
        logger.warn(
          { reqId: res.locals.requestId, err: err instanceof Error ? err.message : String(err) },
          "node-saml refused",
        );
        return reject(nodeSamlRejection(err));
      }
      // The assertion node-saml verified must be the one the SPID rules read.
      if (verifiedAssertionId(profile) !== facts.assertionId)
        return reject({
          code: "signature",
          status: 403,
          detail: "L'asserzione firmata non è quella contenuta nella risposta.",
        });

      if (
        !(await rememberAssertion(
          db,
          { id: facts.assertionId, idpEntityId: idp.entityId, notOnOrAfter: facts.notOnOrAfter },
          now,
        ))
      )
        return reject({ code: "replay", status: 403 });

      const attributes = attributeValues(profile);
      const received = attributes.fiscalNumber ?? "";
      // SPID and CIE send the codice fiscale as "TINIT-<codice fiscale>"; a bare one is neither's.
      if (received && !received.startsWith(FISCAL_NUMBER_PREFIX))
        return reject({
          code: "fiscal-number",
          status: 400,
          detail: `Il codice fiscale ricevuto non ha il prefisso ${FISCAL_NUMBER_PREFIX} previsto da ${rules.label}.`,
        });
      const fiscalNumber = received.slice(FISCAL_NUMBER_PREFIX.length);
      const cf = validateCodiceFiscale(fiscalNumber, now);
      if (!cf.ok)
        return reject({
          code: "fiscal-number",
          status: 400,
          detail: fiscalNumber
            ? `Codice fiscale ricevuto non valido: ${cf.reason}`
            : "Il codice fiscale non è stato trasmesso.",
        });
      const codiceFiscale = cf.cf;

      const citizen = await db
        .selectFrom("citizens")
        .select(["id"])
        .where("codice_fiscale", "=", codiceFiscale)
        .executeTakeFirst();
      const posts = await db
        .selectFrom("operators")
        .select(["id", "entity_id"])
        .where("codice_fiscale", "=", codiceFiscale)
        .where("active", "=", 1)
        .orderBy("id")
        .limit(2)
        .execute();
      // One ente: the session acts for it. Several: none until the person chooses (requireOperator
      // sends them to the choice), never silently the first.
      const operator = posts.length === 1 ? posts[0] : undefined;
      // Someone who is only an operator starts in the operator area; anyone else as a citizen.
      const actingAs = posts.length > 0 && !citizen ? "operatore" : "cittadino";

      const { token } = await db.transaction().execute(async (trx) => {
        if (request.session_id)
          await trx.deleteFrom("sessions").where("id", "=", request.session_id).execute();
        const created = await createSession(
          trx,
          config,
          {
            fiscal_code: codiceFiscale,
            citizen_id: citizen?.id ?? null,
            name: attributes.name ?? "",
            surname: attributes.familyName ?? "",
            spid_attributes: JSON.stringify(attributes),
            credential: idp.credential,
            spid_level: facts.level,
            idp_entity_id: idp.entityId,
            name_id: facts.nameId,
            name_id_format: facts.nameIdFormat,
            name_qualifier: facts.nameQualifier,
            session_index: facts.sessionIndex,
            acting_as: actingAs,
            operator_id: operator?.id ?? null,
          },
          now,
        );
        await appendAudit(
          trx,
          config.auditHmacKey,
          {
            actorKind: actingAs,
            actorCodiceFiscale: codiceFiscale,
            operatorId: operator?.id ?? null,
            enteId: actingAs === "operatore" ? (operator?.entity_id ?? null) : null,
            subjectCitizenId: citizen?.id ?? null,
            action: "auth.login",
            details: { credential: idp.credential, level: facts.level, idp: idp.entityId },
          },
          now,
        );
        return created;
      });

      const fallback = actingAs === "operatore" ? "/operatore" : "/area-personale";
      res.setHeader("Set-Cookie", sessionCookieHeader(config, token));
      res.setHeader("Cache-Control", "no-store");
      // Checked again on the way out: a row written by an older version may hold any path.
      res.redirect(303, safeReturnPath(request.return_to) ?? fallback);
    } catch (err) {
      next(err);
    }
  };
}
