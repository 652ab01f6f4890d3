package io.panelflow.ingest.intake;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The W3C {@code traceparent} of the current OpenTelemetry span, or null when there is none. */
final class CurrentTraceparent {
    private CurrentTraceparent() {
    }

    static String get() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
