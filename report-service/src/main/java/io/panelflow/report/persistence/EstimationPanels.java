package io.panelflow.report.persistence;

import io.agroal.api.AgroalDataSource;
import io.panelflow.model.event.ClaimCheck;
import io.panelflow.model.panel.PanelTable;
import io.panelflow.service.ClaimCheckStore;
import io.panelflow.service.EventJson;
import io.panelflow.service.PanelArrow;
import io.panelflow.service.StatementChunks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The panel each run's models were estimated on, kept for the reproducibility bundle's exports (CSV, .dta)
 * for as long as the run's report: the Arrow IPC stream the indices-computed event points to, copied from
 * the claim-check store as a stream (the claim-check store purges its payloads after a retention, the
 * report keeps its runs), and read back in slices of {@value #SLICE_BYTES} bytes. Panels of runs stored
 * before are JSON ({@code panel_json}) and still read.
 */
@ApplicationScoped
public class EstimationPanels {
    static final int SLICE_BYTES = 4 * 1024 * 1024;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ClaimCheckStore claimChecks;

    /** Copies the panel {@code check} points to for the run, unless the run has one; in the caller's transaction. */
    public void storeArrow(String runId, ClaimCheck check) {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c, runId)) {
                return;
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into estimation_panel (run_id, panel_arrow) values (?, ?)")) {
                claimChecks.read(check, in -> {
                    try {
                        insert.setString(1, runId);
                        insert.setBinaryStream(2, in, check.bytes());
                        return insert.executeUpdate();
                    } catch (SQLException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the estimation panel of run " + runId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the estimation panel of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Stores a panel an event carried inline (events of earlier versions), unless the run has one. */
    public void storeJson(String runId, PanelTable panel) {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c, runId)) {
                return;
            }
            try (PreparedStatement insert = c.prepareStatement("insert into estimation_panel (run_id, panel_json) values (?, ?)")) {
                insert.setString(1, runId);
                insert.setString(2, EventJson.text(panel));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the estimation panel of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** The run's estimation panel, if it has one. */
    public Optional<PanelTable> find(String runId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select panel_json, panel_arrow is not null from estimation_panel where run_id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!rs.getBoolean(2)) {
                    return Optional.of(EventJson.read(rs.getString(1), PanelTable.class));
                }
            }
            try (InputStream in = new Slices(c, runId)) {
                return Optional.of(PanelArrow.read(in));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the estimation panel of run " + runId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("the estimation panel of run " + runId + " is not readable: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String runId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select 1 from estimation_panel where run_id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The stored Arrow stream read a slice at a time ({@code substring} of an uncompressed value reads only its pages). */
    private static final class Slices extends StatementChunks {
        private final String runId;
        private long offset;
        private boolean last;

        Slices(Connection c, String runId) throws SQLException {
            super(c.prepareStatement("select substring(panel_arrow from ? for ?) from estimation_panel where run_id = ?"));
            this.runId = runId;
        }

        @Override
        protected byte[] fetch(PreparedStatement query) throws SQLException {
            if (last) {
                return null;
            }
            query.setInt(1, (int) (offset + 1));
            query.setInt(2, SLICE_BYTES);
            query.setString(3, runId);
            try (ResultSet rs = query.executeQuery()) {
                byte[] slice = rs.next() ? rs.getBytes(1) : null;
                if (slice == null || slice.length == 0) {
                    return null;
                }
                offset += slice.length;
                last = slice.length < SLICE_BYTES;
                return slice;
            }
        }
    }
}
