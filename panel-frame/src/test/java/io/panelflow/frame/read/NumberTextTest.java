package io.panelflow.frame.read;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumberTextTest {
    @Test
    void readsExponentsSignsAndShortForms() {
        assertEquals(1.346644434e-05, NumberText.parse("1.346644434e-05"));
        assertEquals(2500.0, NumberText.parse("2.5E+03"));
        assertEquals(-0.5, NumberText.parse("-0.5"));
        assertEquals(0.5, NumberText.parse(".5"));
        assertEquals(3.0, NumberText.parse("3."));
        assertEquals(4000.0, NumberText.parse("+4E3"));
        assertEquals(12.0, NumberText.parse("12"));
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(NumberText.parse("-0")));
        assertEquals(1e300, NumberText.parse("1e300"));
        assertEquals(Double.POSITIVE_INFINITY, NumberText.parse("1e400"));
        assertEquals(0.0, NumberText.parse("1e-400"));
    }

    @Test
    void refusesWhatIsNotANumber() {
        for (String s : new String[]{"", "-", "+", ".", "e5", "1e", "1e+", "1,5", "1,234", "5%", "Inf", "NaN", "0x10",
                "1.5d", "1.2.3", "--1", "1 2", " 1", "NA", "1e5.5"}) {
            assertTrue(Double.isNaN(NumberText.parse(s)), s);
        }
    }

    @Test
    void agreesWithParseDoubleBitForBit() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 0; k < 200_000; k++) {
            double v = switch (k % 4) {
                case 0 -> rng.nextDouble() * 1000 - 500;
                case 1 -> Math.pow(10, rng.nextInt(-30, 30)) * rng.nextDouble();
                case 2 -> rng.nextLong() / 1e6;
                default -> Double.longBitsToDouble(rng.nextLong() & 0x7FEFFFFFFFFFFFFFL);
            };
            String[] forms = {Double.toString(v), String.format("%.6f", v), String.format("%.9e", v),
                    String.format("%.17g", v), String.format("%.3E", v).replace("E", "e")};
            for (String s : forms) {
                assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(NumberText.parse(s)), s);
            }
        }
        String[] hard = {"9007199254740993", "9007199254740993.0", "123456789012345678901234567890",
                "0.1000000000000000055511151231257827", "2.2250738585072011e-308", "4.9e-324", "1.7976931348623157e308",
                "00000000000000000000000001.5", "1.000000000000000000000000000001", "179769313486231580793728971405301e276"};
        for (String s : hard) {
            assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(NumberText.parse(s)), s);
        }
    }
}
