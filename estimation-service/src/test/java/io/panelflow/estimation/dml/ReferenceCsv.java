package io.panelflow.estimation.dml;

import io.panelflow.testing.SharedReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** A reference CSV of shared/reference read at test time (comma-separated, no quoted commas). */
final class ReferenceCsv {
    private final String[] header;
    private final String[][] cells;

    private ReferenceCsv(String[] header, String[][] cells) {
        this.header = header;
        this.cells = cells;
    }

    static ReferenceCsv read(String fileName) {
        try {
            List<String> lines = Files.readAllLines(SharedReference.reference(fileName), StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",", -1);
            String[][] cells = new String[lines.size() - 1][];
            for (int r = 0; r < cells.length; r++) {
                cells[r] = lines.get(r + 1).split(",", -1);
                if (cells[r].length != header.length) {
                    throw new IllegalStateException(fileName + " row " + (r + 1) + " has " + cells[r].length + " cells");
                }
            }
            return new ReferenceCsv(header, cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int rows() {
        return cells.length;
    }

    private int column(String name) {
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    String[] text(String name) {
        int c = column(name);
        String[] out = new String[cells.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = cells[r][c];
        }
        return out;
    }

    double[] num(String name) {
        int c = column(name);
        double[] out = new double[cells.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = Double.parseDouble(cells[r][c]);
        }
        return out;
    }

    int[] integers(String name) {
        int c = column(name);
        int[] out = new int[cells.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = Integer.parseInt(cells[r][c]);
        }
        return out;
    }
}
