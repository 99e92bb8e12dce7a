// The codes and their names are the payments core's (app/payments/taxonomy.ts), which also checks
// them against the service; the operator pages read them from there.
export { categoryLabel, TAXONOMY_CATEGORIES, type TaxonomyCategory } from "~/payments/taxonomy";

/** The value of the select's "type the code yourself" choice. */
export const OTHER_CATEGORY = "altra";
