import type { Kysely } from "kysely";
import type { DbHandle } from "../connection";
import type { Database } from "../schema";

export interface SeedOptions {
  citizens?: number;
  today?: string;
  seed?: number;
  progress?: boolean;
}

export interface SeedSummary {
  citizens: number;
}

export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", "seed").executeTakeFirst();
  return !!row;
}

export async function seed(_handle: DbHandle, _opts: SeedOptions): Promise<SeedSummary> {
  return { citizens: 0 };
}
