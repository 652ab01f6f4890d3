package io.panelflow.estimation.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fast reader for the benchmark's numeric CSV (header row, comma-separated plain decimals, no
 * quotes, no missing values). Numbers are parsed digit by digit into a long mantissa and a power of
 * ten (exact for up to 18 significant digits, then rounded once), which is enough for generated data.
 */
final class BenchmarkCsv {
    private BenchmarkCsv() {
    }

    static Map<String, double[]> read(Path file) throws IOException {
        int rows = countLines(file) - 1;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            StringBuilder header = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n' && c != -1) {
                if (c != '\r') {
                    header.append((char) c);
                }
            }
            String[] names = header.toString().split(",");
            double[][] cols = new double[names.length][rows];
            byte[] buf = new byte[1 << 20];
            int len = 0;
            int pos = 0;
            int row = 0;
            int col = 0;
            long mantissa = 0;
            int scale = 0;
            boolean negative = false;
            boolean fraction = false;
            int digits = 0;
            while (row < rows) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        break;
                    }
                }
                byte b = buf[pos++];
                if (b >= '0' && b <= '9') {
                    if (digits < 18) {
                        mantissa = mantissa * 10 + (b - '0');
                        digits++;
                        if (fraction) {
                            scale++;
                        }
                    } else if (!fraction) {
                        scale--;
                    }
                } else if (b == '.') {
                    fraction = true;
                } else if (b == '-') {
                    negative = true;
                } else if (b == ',' || b == '\n') {
                    double v = scale >= 0 ? mantissa / POW10[scale] : mantissa * POW10[-scale];
                    cols[col][row] = negative ? -v : v;
                    mantissa = 0;
                    scale = 0;
                    digits = 0;
                    negative = false;
                    fraction = false;
                    if (b == ',') {
                        col++;
                    } else {
                        col = 0;
                        row++;
                    }
                }
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            for (int j = 0; j < names.length; j++) {
                out.put(names[j].trim(), cols[j]);
            }
            return out;
        }
    }

    private static final double[] POW10 = new double[40];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Math.pow(10, i);
        }
    }

    private static int countLines(Path file) throws IOException {
        int lines = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }
}
