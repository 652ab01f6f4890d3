package io.panelflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * A fresh PostgreSQL database for a {@code @QuarkusTest}:
 * {@code @QuarkusTestResource(PostgresDatabaseResource.class)}. Creates a
 * {@link PostgresDatabase} on the local server, points the datasource at it and drops it
 * afterwards. Fails with a clear message (run {@code deploy/local/postgres.sh up}) when the
 * server is unreachable.
 *
 * <p>Returned configuration: {@code quarkus.datasource.jdbc.url} (with
 * {@code currentSchema}), {@code quarkus.datasource.username}/{@code password}, and
 * {@code PANELFLOW_DB_NAME}/{@code HOST}/{@code PORT} for configuration built from them.
 * The schema is the init argument {@code schema}
 * ({@code @QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "schema", value = "ingest"))});
 * without it, the service's own {@code quarkus.flyway.default-schema} (else {@code public}).
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {
    private PostgresDatabase database;
    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.get("schema");
    }

    @Override
    public Map<String, String> start() {
        database = PostgresDatabase.createFresh();
        String currentSchema = schema != null && !schema.isBlank() ? schema : "${quarkus.flyway.default-schema:public}";
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl(currentSchema));
        config.put("quarkus.datasource.username", database.username());
        config.put("quarkus.datasource.password", database.password());
        config.put("PANELFLOW_DB_NAME", database.name());
        config.put("PANELFLOW_DB_HOST", database.host());
        config.put("PANELFLOW_DB_PORT", Integer.toString(database.port()));
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    public PostgresDatabase database() {
        return database;
    }
}
