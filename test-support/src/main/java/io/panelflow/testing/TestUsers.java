package io.panelflow.testing;

import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * The one way tests call the services' APIs: as the {@link #SUBMITTER} (may upload and read), the
 * {@link #VIEWER} (reads only) or {@link #anonymous()}, with HTTP Basic sent preemptively.
 *
 * <pre>{@code
 * TestUsers.submitter().baseUri(url).multiPart(...).post("/api/runs");
 * TestUsers.viewer().get("/api/runs");          // in a @QuarkusTest: RestAssured's port is the test port
 * }</pre>
 *
 * <p>{@code @QuarkusTest}s know these users from test-support's
 * {@code META-INF/microprofile-config.properties}; packaged services get them from the users and
 * roles files {@link #writeFiles} writes (the files {@code deploy/local/stack.sh} writes with real
 * users), loaded with {@code QUARKUS_CONFIG_LOCATIONS} ({@link #configLocations}).
 */
public final class TestUsers {
    /** The security realm the services hash passwords with. */
    public static final String REALM = "panelflow";

    public record User(String name, String password, String role) {
        /** Hex SHA-512 of {@code name:panelflow:password}, as the services' users file holds it. */
        public String passwordHash() {
            return hash(name, password);
        }

        /** A request with this user's HTTP Basic credentials. */
        public RequestSpecification request() {
            return given().auth().preemptive().basic(name, password);
        }

        /** The value of an {@code Authorization} header for this user. */
        public String authorization() {
            return "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static final User SUBMITTER = new User("submitter", "submitter-test-password", "submitter");
    public static final User VIEWER = new User("viewer", "viewer-test-password", "viewer");

    private TestUsers() {
    }

    /** A request as the submitter (upload and read). */
    public static RequestSpecification submitter() {
        return SUBMITTER.request();
    }

    /** A request as the viewer (read only). */
    public static RequestSpecification viewer() {
        return VIEWER.request();
    }

    /** A request without credentials. */
    public static RequestSpecification anonymous() {
        return given();
    }

    /** Hex SHA-512 of {@code user:panelflow:password}: the services' digest-sha-512 password form. */
    public static String hash(String user, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512")
                    .digest((user + ":" + REALM + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code users.properties} and {@code roles.properties} with the two test users into
     * {@code dir}, in the form {@code deploy/local/stack.sh} writes them; returns both paths.
     */
    public static List<Path> writeFiles(Path dir) {
        try {
            Files.createDirectories(dir);
            Path users = dir.resolve("users.properties");
            Path roles = dir.resolve("roles.properties");
            StringBuilder u = new StringBuilder("# panelflow users: hex SHA-512 of user:panelflow:password\n");
            StringBuilder r = new StringBuilder("# panelflow roles: submitter (upload + read), viewer (read)\n");
            for (User user : List.of(SUBMITTER, VIEWER)) {
                u.append("quarkus.security.users.embedded.users.").append(user.name()).append('=').append(user.passwordHash()).append('\n');
                r.append("quarkus.security.users.embedded.roles.").append(user.name()).append('=').append(user.role()).append('\n');
            }
            Files.writeString(users, u);
            Files.writeString(roles, r);
            return List.of(users, roles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code QUARKUS_CONFIG_LOCATIONS} that makes a service read these files. */
    public static String configLocations(List<Path> files) {
        return String.join(",", files.stream().map(p -> p.toAbsolutePath().toUri().toString()).toList());
    }
}
