// Validates Kubernetes objects (multi-document YAML files, e.g. the output of
// `kubectl kustomize`) with npm kubernetes-models: types, required fields, enums.
// Usage: node validate-k8s.mjs FILE...   Exit 0 when every object is valid.
import { readFileSync } from "node:fs";
import YAML from "yaml";

let failures = 0;
let count = 0;
for (const file of process.argv.slice(2)) {
  for (const d of YAML.parseAllDocuments(readFileSync(file, "utf8"))) {
    const obj = d.toJS();
    if (!obj) continue;
    const { apiVersion, kind } = obj;
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    let Model;
    try {
      Model = (await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${kind}`))[kind];
    } catch (e) {
      console.error(`${file}: ${apiVersion} ${kind}: no model (${e.code ?? e.message})`);
      failures++;
      continue;
    }
    try {
      new Model(obj).validate();
      count++;
      console.log(`${file}: ${kind}/${obj.metadata?.name} valid`);
    } catch (e) {
      failures++;
      console.error(`${file}: ${kind}/${obj.metadata?.name}: ${e.message}`);
    }
  }
}
console.log(`${count} valid, ${failures} invalid`);
process.exit(failures ? 1 : 0);
