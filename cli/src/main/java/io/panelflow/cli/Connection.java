package io.panelflow.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Where the services are and who calls them, from the environment:
 * <ul>
 *   <li>{@code PANELFLOW_INGEST_URL} (uploads; default {@code PANELFLOW_URL}, else {@code http://127.0.0.1:8081})
 *       and {@code PANELFLOW_REPORT_URL} (runs, documents, bundles; default {@code PANELFLOW_URL}, else
 *       {@code http://127.0.0.1:8084}) — the local stack's ports; {@code PANELFLOW_URL} alone serves a
 *       deployment with one address for both (an ingress);</li>
 *   <li>{@code PANELFLOW_TOKEN}: an OIDC access token, sent as {@code Bearer} (clusters); otherwise
 *       {@code PANELFLOW_USER} and {@code PANELFLOW_PASSWORD} (HTTP Basic, as in the local stack's
 *       {@code .panelflow/credentials.env}).</li>
 * </ul>
 */
public record Connection(URI ingest, URI report, String authorization) {
    static final String DEFAULT_INGEST = "http://127.0.0.1:8081";
    static final String DEFAULT_REPORT = "http://127.0.0.1:8084";

    public static Connection fromEnvironment(Map<String, String> env) {
        String common = blankToNull(env.get("PANELFLOW_URL"));
        String ingest = firstOf(env.get("PANELFLOW_INGEST_URL"), common, DEFAULT_INGEST);
        String report = firstOf(env.get("PANELFLOW_REPORT_URL"), common, DEFAULT_REPORT);
        String token = blankToNull(env.get("PANELFLOW_TOKEN"));
        String user = blankToNull(env.get("PANELFLOW_USER"));
        String password = env.get("PANELFLOW_PASSWORD");
        String authorization;
        if (token != null) {
            authorization = "Bearer " + token;
        } else if (user != null && password != null) {
            authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        } else {
            authorization = null;
        }
        return new Connection(uri("PANELFLOW_INGEST_URL", ingest), uri("PANELFLOW_REPORT_URL", report), authorization);
    }

    /** The credentials, or a usage error saying which variables to set. */
    String requireAuthorization() {
        if (authorization == null) {
            throw new CliFailure(ExitCodes.INVALID, "no credentials: set PANELFLOW_USER and PANELFLOW_PASSWORD"
                    + " (the local stack writes them to .panelflow/credentials.env) or PANELFLOW_TOKEN");
        }
        return authorization;
    }

    private static URI uri(String variable, String value) {
        String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = URI.create(v);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID, variable + " is not an http(s) address: '" + value + "'");
        }
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (blankToNull(v) != null) {
                return v.strip();
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
