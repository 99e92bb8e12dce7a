// Exits 0 when the PostgreSQL server of the tests (PG_TEST_URL, default the local one) answers;
// otherwise prints why and exits 1. Used by scripts/test.sh and .ci/run.
import pg from "pg";

const url = process.env.PG_TEST_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.query("select 1");
  await client.end();
} catch (err) {
  console.log(`PostgreSQL non risponde a ${url.replace(/:[^:@/]*@/, ":***@")}: ${err.message}`);
  process.exit(1);
}
