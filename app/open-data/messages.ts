import type { OpenDataColumn } from "~/open-data/datasets";

/** A column type's key in the "openData" messages ("columnType"): "mese (AAAA-MM)" → "mese". */
export function columnTypeKey(type: OpenDataColumn["type"]): string {
  return type.split(" ")[0]!;
}
