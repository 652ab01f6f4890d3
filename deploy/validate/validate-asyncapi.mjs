// Validates an AsyncAPI 3.0 document against the AsyncAPI JSON Schema (npm @asyncapi/specs), offline.
// Usage: node validate-asyncapi.mjs ../asyncapi.yaml
// Exit 0 when valid; 1 with the errors otherwise.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import YAML from "yaml";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const specs = require("@asyncapi/specs");

const file = process.argv[2] ?? "../asyncapi.yaml";
const doc = YAML.parse(readFileSync(file, "utf8"));
const version = doc.asyncapi;
const schema = (specs.schemas ?? specs)[version];
if (!schema) {
  console.error(`${file}: no AsyncAPI schema for version ${version}`);
  process.exit(1);
}
// the AsyncAPI schema carries its own copy of the draft-07 meta-schema: do not add Ajv's
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, meta: false });
addFormats(ajv);
const validate = ajv.compile(schema);
if (validate(doc)) {
  console.log(`${file}: valid against the AsyncAPI ${version} schema`);
} else {
  for (const e of validate.errors) console.error(`${file}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  process.exit(1);
}
