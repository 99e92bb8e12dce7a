/**
 * Which people the login page offers as one-click personas, in order: the seeded citizens, the
 * people of the demo who are not residents, then the seeded operators (db/seed/personas.ts), each
 * with the story the seeder wrote for them. describePersonas leaves out whoever the database
 * does not hold.
 */
import { NON_RESIDENT_PERSONAS, OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";

const ALL = [
  ...Object.values(PERSONAS),
  ...Object.values(NON_RESIDENT_PERSONAS),
  ...Object.values(OPERATOR_PERSONAS),
];

export const PERSONA_CODES: readonly string[] = [...new Set(ALL.map((p) => p.codiceFiscale))];

export const PERSONA_STORIES: Readonly<Record<string, string>> = Object.fromEntries(
  ALL.map((p) => [p.codiceFiscale, p.description]),
);
