/**
 * Checks the app's writes against GitHub's OpenAPI description, using the app tests' validator
 * (test/app/support/openapi.ts): a field GitHub does not know, a wrong type or a missing
 * required field shows up here even when the stand-in's looser reading accepted it.
 */
import type { RecordedRequest } from "../../src/standin/server.js";
import { validateRequest } from "../app/support/openapi.js";

export function specProblems(requests: RecordedRequest[]): string[] {
  // GraphQL is outside GitHub's REST description; the stand-in answers only the query shape the app sends.
  return requests.filter((r) => r.method !== "GET" && !r.path.startsWith("/app/") && !r.path.endsWith("/graphql")).flatMap((r) => validateRequest(r.method, r.path, r.body));
}
