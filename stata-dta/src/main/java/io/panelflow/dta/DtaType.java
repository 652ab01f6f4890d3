package io.panelflow.dta;

/**
 * The storage types of a Stata variable and their codes in the descriptor of each format.
 *
 * <pre>
 *            formats 114/115 (1 byte)   formats 117–119 (2 bytes)   width   valid range; missing values
 *   str#     1 … 244                    1 … 2045                    #       text, padded with NUL
 *   strL     –                          32768                       8       a (v, o) reference into &lt;strls&gt;
 *   byte     251                        65530                       1       −127 … 100;            101 … 127 = . .a … .z
 *   int      252                        65529                       2       −32767 … 32740;        32741 … 32767
 *   long     253                        65528                       4       −2147483647 … 2147483620; 2147483621 …
 *   float    254                        65527                       4       IEEE single; ≥ 2^127 (0x7f000000 …) missing
 *   double   255                        65526                       8       IEEE double; ≥ 2^1023 (0x7fe0… …) missing
 * </pre>
 * Integers are two's complement, all in the file's byte order.
 */
public enum DtaType {
    BYTE(1), INT(2), LONG(4), FLOAT(4), DOUBLE(8), STR(0), STRL(8);

    private final int width;

    DtaType(int width) {
        this.width = width;
    }

    public boolean isText() {
        return this == STR || this == STRL;
    }

    /** Bytes of one value; for {@code str#} the variable's own width. */
    int width(int strWidth) {
        return this == STR ? strWidth : width;
    }
}
