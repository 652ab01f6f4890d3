package io.panelflow.estimation.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fast reader for the benchmark's numeric CSV (header row, comma-separated decimals with an
 * optional sign and exponent such as {@code 1.346644434e-05}, no quotes, no missing values). Numbers
 * are parsed digit by digit into a long mantissa and a power of ten (exact for up to 18 significant
 * digits, then rounded once), which is enough for generated data. Anything else in a number (a
 * letter, {@code NA}, a second sign) is refused with its row and column, never read as a wrong value.
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
            boolean inExponent = false;
            boolean exponentNegative = false;
            boolean exponentSigned = false;
            int exponent = 0;
            while (row < rows) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        break;
                    }
                }
                byte b = buf[pos++];
                if (inExponent && b >= '0' && b <= '9') {
                    exponent = Math.min(exponent * 10 + (b - '0'), 100_000);
                } else if (inExponent && (b == '-' || b == '+') && exponent == 0 && !exponentSigned) {
                    exponentNegative = b == '-';
                    exponentSigned = true;
                } else if (b >= '0' && b <= '9') {
                    if (digits < 18) {
                        mantissa = mantissa * 10 + (b - '0');
                        digits++;
                        if (fraction) {
                            scale++;
                        }
                    } else if (!fraction) {
                        scale--;
                    }
                } else if (b == '.' && !fraction && !inExponent) {
                    fraction = true;
                } else if ((b == 'e' || b == 'E') && !inExponent) {
                    inExponent = true;
                } else if (b == '-' && !negative && !inExponent) {
                    negative = true;
                } else if (b == '\r') {
                    continue;
                } else if (b == ',' || b == '\n') {
                    int power = scale - (exponentNegative ? -exponent : exponent);
                    double v = power >= 0 ? mantissa / pow10(power) : mantissa * pow10(-power);
                    cols[col][row] = negative ? -v : v;
                    mantissa = 0;
                    scale = 0;
                    digits = 0;
                    negative = false;
                    fraction = false;
                    inExponent = false;
                    exponentNegative = false;
                    exponentSigned = false;
                    exponent = 0;
                    if (b == ',') {
                        col++;
                    } else {
                        col = 0;
                        row++;
                    }
                } else {
                    throw new IllegalArgumentException("row " + (row + 2) + ", column '" + names[Math.min(col, names.length - 1)].trim()
                            + "': '" + (char) b + "' is not part of a number (the benchmark reads plain numeric CSV)");
                }
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            for (int j = 0; j < names.length; j++) {
                out.put(names[j].trim(), cols[j]);
            }
            return out;
        }
    }

    private static double pow10(int power) {
        return power < POW10.length ? POW10[power] : Math.pow(10, power);
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
