package io.panelflow.system.deployment;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.panelflow.system.deployment.DeploymentFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** Each service's src/main/docker/Dockerfile.jvm packs the Quarkus fast-jar layout. */
class DockerfileTest {
    @Test
    void everyServiceHasAFastJarDockerfile() {
        for (String s : SERVICES) {
            Path file = root().resolve(s + "-service/src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(file), "missing " + file);
            String text = read(file);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("FROM eclipse-temurin:17-jre")
                    || l.startsWith("FROM registry.access.redhat.com/ubi9/openjdk-17-runtime")), s + ": base image");
            for (String part : new String[]{"target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/", "target/quarkus-app/quarkus/"}) {
                assertTrue(text.contains("COPY --chown=185:0 " + part), s + " copies " + part);
            }
            assertTrue(text.contains("EXPOSE " + PORTS.get(s)), s + " exposes its port");
            assertTrue(text.contains("QUARKUS_HTTP_PORT=" + PORTS.get(s)), s + " sets its port");
            assertTrue(text.contains("QUARKUS_MANAGEMENT_PORT=" + (PORTS.get(s) + 1000)), s + " sets its management port");
            assertTrue(text.contains("/dev/tcp/127.0.0.1/$QUARKUS_MANAGEMENT_PORT"), s + " checks its health on the management port");
            assertTrue(text.contains("USER 185"), s + " runs as a non-root user");
            assertTrue(text.contains("/deployments/quarkus-run.jar"), s + " runs the fast-jar");
        }
    }
}
