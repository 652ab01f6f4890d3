package io.panelflow.model.panel;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.Arrays;

/**
 * The JSON form of a numeric column: an array of numbers with {@code null} where a value is missing
 * (NaN in memory, and any non-finite value), so the JSON stays standard and reads back as NaN.
 */
public final class MissingNumbersJson {
    private MissingNumbersJson() {
    }

    public static final class Writer extends StdSerializer<double[]> {
        public Writer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double v : values) {
                if (Double.isFinite(v)) {
                    gen.writeNumber(v);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndArray();
        }
    }

    public static final class Reader extends StdDeserializer<double[]> {
        public Reader() {
            super(double[].class);
        }

        @Override
        public double[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                return (double[]) ctxt.handleUnexpectedToken(double[].class, p);
            }
            double[] out = new double[64];
            int n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                if (t == JsonToken.VALUE_NULL) {
                    out[n++] = Double.NaN;
                } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    out[n++] = p.getDoubleValue();
                } else {
                    return (double[]) ctxt.handleUnexpectedToken(double[].class, p);
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }
    }
}
