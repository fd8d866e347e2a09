/**
 * Validates request bodies against GitHub's own OpenAPI description (@octokit/openapi,
 * generated/api.github.com.json, loaded once). A small validator for the JSON-schema subset that
 * description uses for request bodies: $ref, type, nullable, enum, required, properties,
 * additionalProperties, items, min/maxItems, min/maxLength, pattern, minimum/maximum, oneOf,
 * anyOf, allOf. It is stricter than the description in one way: a property the operation does not
 * list is reported, since GitHub would silently ignore it (a misspelt field).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  /** Path parameters in the template: fewer means more specific. */
  params: number;
  body: Schema | null;
  bodyRequired: boolean;
}

interface Description {
  paths: Record<string, Json>;
  components: Json;
}

let spec: Description | null = null;
let operations: Operation[] = [];

function load(): void {
  if (spec !== null) return;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isObject(parsed) || !isObject(parsed["paths"])) throw new Error("not an OpenAPI description");
  const loaded: Description = { paths: parsed["paths"], components: parsed["components"] ?? null };
  spec = loaded;
  operations = [];
  for (const [template, item] of Object.entries(loaded.paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation)) continue;
      // `{path}` (contents) spans segments; every other parameter is one segment.
      const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{path\}/g, ".+").replace(/\{[^}]+\}/g, "[^/]+");
      const requestBody = isObject(operation["requestBody"]) ? operation["requestBody"] : null;
      const content = requestBody === null ? null : requestBody["content"];
      const json = isObject(content) ? content["application/json"] : null;
      const schema = isObject(json) && isObject(json["schema"]) ? json["schema"] : null;
      operations.push({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source}$`),
        params: (template.match(/\{/g) ?? []).length,
        body: schema,
        bodyRequired: requestBody?.["required"] === true,
      });
    }
  }
}

/** The operation GitHub's description has for a method and a concrete path (query string ignored). */
export function findOperation(method: string, path: string): Operation | null {
  load();
  const bare = decodeURIComponent(path.split("?")[0] ?? path);
  const candidates = operations.filter((op) => op.method === method.toUpperCase() && op.pattern.test(bare));
  candidates.sort((a, b) => a.params - b.params);
  return candidates[0] ?? null;
}

/** Problems with a request, each naming where; empty when GitHub's description accepts it. */
export function validateRequest(method: string, path: string, body: unknown): string[] {
  const operation = findOperation(method, path);
  if (operation === null) return [`${method} ${path}: no such operation in GitHub's description`];
  const label = `${method} ${operation.template}`;
  if (operation.body === null) {
    return body === undefined || body === "" ? [] : [`${label}: takes no JSON body, got one`];
  }
  if (body === undefined || body === "") return operation.bodyRequired ? [`${label}: needs a JSON body, got none`] : [];
  return validate(operation.body, body, "body").map((problem) => `${label}: ${problem}`);
}

function resolve(schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current["$ref"] === "string"; hops += 1) {
    if (hops > 20) throw new Error(`$ref loop at ${current["$ref"]}`);
    const parts = current["$ref"].replace(/^#\//, "").split("/");
    let target: Json | undefined = spec as unknown as Json;
    for (const part of parts) target = isObject(target) ? target[part] : undefined;
    if (!isObject(target)) throw new Error(`unresolved $ref ${current["$ref"]}`);
    current = target;
  }
  return current;
}

function validate(raw: Schema, value: unknown, at: string): string[] {
  const schema = resolve(raw);
  if (value === null && schema["nullable"] === true) return [];
  const problems: string[] = [];

  for (const key of ["allOf"] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const sub of list) if (isObject(sub)) problems.push(...validate(sub, value, at));
  }
  const oneOf = schema["oneOf"];
  if (Array.isArray(oneOf)) {
    const matching = oneOf.filter((sub) => isObject(sub) && validate(sub, value, at).length === 0).length;
    if (matching !== 1) problems.push(`${at}: matches ${matching} of the oneOf alternatives, not exactly one`);
  }
  const anyOf = schema["anyOf"];
  if (Array.isArray(anyOf) && !anyOf.some((sub) => isObject(sub) && validate(sub, value, at).length === 0)) {
    problems.push(`${at}: matches none of the anyOf alternatives`);
  }

  const type = schema["type"];
  if (typeof type === "string" && !hasType(type, value)) {
    return [...problems, `${at}: expected ${type}, got ${describe(value)}`];
  }
  const enumeration = schema["enum"];
  if (Array.isArray(enumeration) && !enumeration.some((option) => option === value)) {
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(enumeration)}`);
  }
  if (typeof value === "string") {
    const { maxLength, minLength, pattern } = schema;
    if (typeof maxLength === "number" && value.length > maxLength) problems.push(`${at}: longer than ${maxLength} characters (${value.length})`);
    if (typeof minLength === "number" && value.length < minLength) problems.push(`${at}: shorter than ${minLength} characters`);
    if (typeof pattern === "string" && !new RegExp(pattern).test(value)) problems.push(`${at}: does not match ${pattern}`);
  }
  if (typeof value === "number") {
    const { minimum, maximum } = schema;
    if (typeof minimum === "number" && value < minimum) problems.push(`${at}: below ${minimum}`);
    if (typeof maximum === "number" && value > maximum) problems.push(`${at}: above ${maximum}`);
  }
  if (Array.isArray(value)) {
    const { maxItems, minItems, items } = schema;
    if (typeof maxItems === "number" && value.length > maxItems) problems.push(`${at}: more than ${maxItems} items (${value.length})`);
    if (typeof minItems === "number" && value.length < minItems) problems.push(`${at}: fewer than ${minItems} items`);
    if (isObject(items)) value.forEach((item, index) => problems.push(...validate(items, item, `${at}[${index}]`)));
  }
  if (isObject(value) && !Array.isArray(value)) {
    const properties = isObject(schema["properties"]) ? schema["properties"] : null;
    const required = Array.isArray(schema["required"]) ? schema["required"] : [];
    for (const name of required) if (typeof name === "string" && !(name in value)) problems.push(`${at}.${name}: required, missing`);
    const additional = schema["additionalProperties"];
    for (const [name, item] of Object.entries(value)) {
      const known = properties?.[name];
      if (isObject(known)) problems.push(...validate(known, item, `${at}.${name}`));
      else if (isObject(additional)) problems.push(...validate(additional, item, `${at}.${name}`));
      else if (properties !== null && additional !== true) problems.push(`${at}.${name}: not a property GitHub takes here`);
    }
  }
  return problems;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value) && !Array.isArray(value);
    case "null":
      return value === null;
    default:
      return true;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null;
}
