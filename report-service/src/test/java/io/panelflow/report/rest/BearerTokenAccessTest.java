package io.panelflow.report.rest;

import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TestUsers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The cluster mode's bearer tokens, without an identity provider: OIDC on, tokens verified with a
 * local public key (instead of the issuer's keys), roles from the token's {@code realm_access/roles}
 * as Keycloak puts them.
 */
@QuarkusTest
@TestProfile(BearerTokenAccessTest.Oidc.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class BearerTokenAccessTest {
    // the profile and the test may be loaded by different class loaders: one key pair per JVM
    static final KeyPair ISSUER = keyPair("panelflow.test.issuer-key");
    static final KeyPair OTHER = keyPair("panelflow.test.other-key");

    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(ISSUER.getPublic().getEncoded()));
        }
    }

    @Test
    void aViewersTokenReadsAndATokenWithoutARoleOrFromAnotherIssuerDoesNot() {
        given().auth().oauth2(token(ISSUER, List.of("viewer"), 300)).when().get("/api/runs").then().statusCode(200);
        given().auth().oauth2(token(ISSUER, List.of("submitter"), 300)).when().get("/api/runs").then().statusCode(200);
        given().auth().oauth2(token(ISSUER, List.of("offline_access"), 300)).when().get("/api/runs").then().statusCode(403)
                .body("title", equalTo("Forbidden"));
        given().auth().oauth2(token(OTHER, List.of("viewer"), 300)).when().get("/api/runs").then().statusCode(401)
                .contentType(containsString("problem+json"));
        given().auth().oauth2(token(ISSUER, List.of("viewer"), -60)).when().get("/api/runs").then().statusCode(401);
        given().when().get("/api/runs").then().statusCode(401).contentType(containsString("problem+json"));
        // Basic keeps working next to OIDC (no users file on a cluster: nobody to sign in as)
        TestUsers.viewer().when().get("/api/runs").then().statusCode(200);
    }

    /** An RS256 JWT as Keycloak issues it: realm roles under realm_access.roles; expiring in {@code seconds}. */
    static String token(KeyPair key, List<String> roles, long seconds) {
        long now = System.currentTimeMillis() / 1000;
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test\"}");
        String claims = base64Url("{\"iss\":\"https://keycloak.example/realms/panelflow\",\"sub\":\"ada\","
                + "\"preferred_username\":\"ada\",\"iat\":" + (now - 10) + ",\"exp\":" + (now + seconds)
                + ",\"realm_access\":{\"roles\":[" + String.join(",", roles.stream().map(r -> "\"" + r + "\"").toList()) + "]}}");
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** An RSA key pair kept (encoded) in a system property, so every class loader of the JVM gets the same one. */
    private static synchronized KeyPair keyPair(String property) {
        try {
            java.security.KeyFactory rsa = java.security.KeyFactory.getInstance("RSA");
            String kept = System.getProperty(property);
            if (kept == null) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                kept = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + ":"
                        + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
                System.setProperty(property, kept);
            }
            String[] parts = kept.split(":");
            return new KeyPair(rsa.generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(parts[0]))),
                    rsa.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1]))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
