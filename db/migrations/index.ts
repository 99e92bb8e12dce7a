import type { Migration } from "kysely";
import * as m001 from "./001-tables";
import * as m002 from "./002-indexes";
import * as m003 from "./003-name-search";
import * as m004 from "./004-saml-assertion-replay-key";
import * as m005 from "./005-rate-limits";
import * as m006 from "./006-job-leases";
import * as m007 from "./007-cents-bigint";
import * as m008 from "./008-position-imports";
import * as m009 from "./009-session-credential";
import * as m010 from "./010-delegations";
import * as m011 from "./011-mail";
import * as m012 from "./012-page-feedback";
import * as m013 from "./013-open-data";

/** Listed explicitly (not read from disk) so that bundling keeps them; order is the key order. */
export const migrations: Record<string, Migration> = {
  "001-tables": m001,
  "002-indexes": m002,
  "003-name-search": m003,
  "004-saml-assertion-replay-key": m004,
  "005-rate-limits": m005,
  "006-job-leases": m006,
  "007-cents-bigint": m007,
  "008-position-imports": m008,
  "009-session-credential": m009,
  "010-delegations": m010,
  "011-mail": m011,
  "012-page-feedback": m012,
  "013-open-data": m013,
};

export const TABLES_MIGRATION = "001-tables";
