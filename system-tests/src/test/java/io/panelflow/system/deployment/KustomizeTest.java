package io.panelflow.system.deployment;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.panelflow.system.deployment.DeploymentFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** deploy/k8s: the Kustomize base and the local overlay, checked without a cluster. */
class KustomizeTest {
    private final Path base = root().resolve("deploy/k8s/base");
    private final Path overlay = root().resolve("deploy/k8s/overlays/local");

    private List<Map<String, Object>> baseResources() {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object r : list(yaml(base.resolve("kustomization.yaml")).get("resources"), "base resources")) {
            Path f = base.resolve(r.toString());
            assertTrue(Files.isRegularFile(f), "listed resource missing: " + f);
            docs.addAll(yamlAll(read(f)));
        }
        return docs;
    }

    private static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    private Set<String> generated(String key) {
        Set<String> names = new HashSet<>();
        Object gens = yaml(base.resolve("kustomization.yaml")).get(key);
        if (gens != null) {
            for (Object g : list(gens, key)) {
                names.add(at(g, "name").toString());
            }
        }
        return names;
    }

    @Test
    void everyListedFileExists() {
        for (Path k : List.of(base, overlay)) {
            for (Object r : list(yaml(k.resolve("kustomization.yaml")).get("resources"), k + " resources")) {
                Path f = k.resolve(r.toString()).normalize();
                assertTrue(Files.isRegularFile(f) || Files.isRegularFile(f.resolve("kustomization.yaml")), k + " lists missing " + r);
            }
        }
    }

    @Test
    void everyServiceHasADeploymentWithProbesResourcesAndEnvironment() {
        List<Map<String, Object>> docs = baseResources();
        Set<String> configMaps = generated("configMapGenerator");
        Map<String, Object> kustomization = yaml(base.resolve("kustomization.yaml"));
        String configLiterals = String.valueOf(at(kustomization, "configMapGenerator", 0, "literals"));
        for (String key : SERVICE_ENV) {
            if (!key.equals("PANELFLOW_DB_PASSWORD") && !key.equals("PANELFLOW_DB_USER")) {
                assertTrue(configLiterals.contains(key + "="), "the ConfigMap carries " + key);
            }
        }
        assertTrue(configLiterals.contains("QUARKUS_PROFILE=cluster") && configLiterals.contains("PANELFLOW_OIDC_URL="),
                "clusters use the OIDC profile: " + configLiterals);

        for (String s : SERVICES) {
            String name = s + "-service";
            int port = PORTS.get(s);
            Map<String, Object> dep = find(docs, "Deployment", name);
            Map<String, Object> podLabels = map(at(dep, "spec", "template", "metadata", "labels"), name + " pod labels");
            Map<String, Object> selector = map(at(dep, "spec", "selector", "matchLabels"), name + " selector");
            assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), name + ": selector matches its pods");

            Map<String, Object> c = map(at(dep, "spec", "template", "spec", "containers", 0), name + " container");
            assertEquals(port, at(c, "ports", 0, "containerPort"), name + " container port");
            assertEquals("management", at(c, "ports", 1, "name"), name + " management port");
            assertEquals(port + 1000, at(c, "ports", 1, "containerPort"), name + " management port");
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertEquals("management", at(c, probe, "httpGet", "port"), name + " " + probe + " on the management interface");
            }
            assertEquals("/q/health/ready", at(c, "readinessProbe", "httpGet", "path"), name + " readiness");
            assertEquals("/q/health/live", at(c, "livenessProbe", "httpGet", "path"), name + " liveness");
            for (String r : List.of("requests", "limits")) {
                assertNotNull(at(c, "resources", r, "memory"), name + " memory " + r);
                assertNotNull(at(c, "resources", r, "cpu"), name + " cpu " + r);
            }
            Set<String> refs = new HashSet<>();
            for (Object e : list(c.get("envFrom"), name + " envFrom")) {
                Object cm = at(e, "configMapRef", "name");
                Object sec = at(e, "secretRef", "name");
                if (cm != null) {
                    assertTrue(configMaps.contains(cm.toString()), name + " refers to an unknown ConfigMap " + cm);
                    refs.add("configMap");
                }
                if (sec != null) {
                    // created outside the repository (deploy/k8s/create-secrets.sh), never generated from a committed value
                    assertEquals("panelflow-db-" + s, sec.toString(), name + " reads its own database Secret");
                    refs.add("secret");
                }
            }
            assertEquals(Set.of("configMap", "secret"), refs, name + " takes its environment from a ConfigMap and a Secret");
            assertTrue(String.valueOf(c.get("env")).contains("QUARKUS_HTTP_PORT"), name + " sets its port");
            assertTrue(String.valueOf(c.get("env")).contains("value=panelflow_" + s), name + " logs in as its own database role");

            Map<String, Object> svc = find(docs, "Service", name);
            Map<String, Object> svcSelector = map(at(svc, "spec", "selector"), name + " service selector");
            assertTrue(podLabels.entrySet().containsAll(svcSelector.entrySet()), name + ": Service selects the pods");
            assertEquals(port, at(svc, "spec", "ports", 0, "port"), name + " service port");
            Object target = at(svc, "spec", "ports", 0, "targetPort");
            assertTrue(target.equals(port) || target.equals(at(c, "ports", 0, "name")), name + " targetPort " + target);
        }
    }

    @Test
    void noPasswordIsCommittedAndTheDatabaseRolesAreCreatedByAJob() {
        for (Path k : List.of(base, overlay)) {
            Map<String, Object> kustomization = yaml(k.resolve("kustomization.yaml"));
            assertNull(kustomization.get("secretGenerator"), k + ": no Secret generated from committed values");
            assertFalse(read(k.resolve("kustomization.yaml")).matches("(?s).*PASSWORD=.*"), k + " holds a password");
        }
        Map<String, Object> job = find(baseResources(), "Job", "panelflow-db-init");
        String text = String.valueOf(job);
        for (String s : SERVICES) {
            assertTrue(text.contains("panelflow-db-" + s), "the Job sets the password of " + s);
        }
        assertTrue(text.contains("panelflow-db-admin"), "the Job connects as the superuser of panelflow-db-admin");
        String script = read(base.resolve("db/create-roles.sh"));
        assertTrue(script.contains("CREATE ROLE") && script.contains("claimcheck") && script.contains("pipeline"), "create-roles.sh");
    }

    @Test
    void overlaySetsNamespaceImagesAndReplicas() {
        Map<String, Object> k = yaml(overlay.resolve("kustomization.yaml"));
        assertEquals("panelflow", k.get("namespace"));
        assertTrue(list(k.get("resources"), "overlay resources").contains("../../base"));
        Set<String> images = new HashSet<>();
        for (Object i : list(k.get("images"), "images")) {
            images.add(at(i, "name").toString());
            assertNotNull(at(i, "newTag"), "image tag for " + at(i, "name"));
        }
        Set<String> replicas = new HashSet<>();
        for (Object r : list(k.get("replicas"), "replicas")) {
            replicas.add(at(r, "name").toString());
        }
        for (String s : SERVICES) {
            assertTrue(images.contains("panelflow/" + s + "-service"), "overlay tags the image of " + s);
            assertTrue(replicas.contains(s + "-service"), "overlay sets replicas of " + s);
        }
    }

    /** kubectl renders kustomizations offline (no cluster needed); skipped where kubectl is absent. */
    @Test
    void overlayRendersWithKubectlKustomize() {
        Result r = run("kubectl", List.of("kubectl", "kustomize", overlay.toString()));
        assertEquals(0, r.exit(), "kubectl kustomize:\n" + r.output());
        List<Map<String, Object>> docs = yamlAll(r.output());
        long deployments = docs.stream().filter(d -> "Deployment".equals(d.get("kind"))).count();
        assertEquals(SERVICES.size(), deployments, "rendered Deployments");
        for (Map<String, Object> d : docs) {
            if (!"Namespace".equals(d.get("kind"))) {
                assertEquals("panelflow", at(d, "metadata", "namespace"), d.get("kind") + " namespace");
            }
        }
        System.out.println("[deployment] kubectl kustomize: " + docs.size() + " objects rendered");
    }

    /** Every rendered object checked with npm kubernetes-models (types, required fields). */
    @Test
    void renderedObjectsValidWithKubernetesModels() throws Exception {
        Path dir = nodeValidators("kubernetes-models");
        Result rendered = run("kubectl", List.of("kubectl", "kustomize", overlay.toString()));
        assertEquals(0, rendered.exit(), rendered.output());
        Path tmp = Files.createTempFile("panelflow-k8s-", ".yaml");
        try {
            Files.writeString(tmp, rendered.output());
            Result r = run("node", List.of("node", dir.resolve("validate-k8s.mjs").toString(), tmp.toString()));
            assertEquals(0, r.exit(), "kubernetes-models:\n" + r.output());
            System.out.println("[deployment] kubernetes-models: " + r.output().lines().reduce((a, b) -> b).orElse(""));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
