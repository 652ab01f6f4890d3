package io.panelflow.model.spec;

/**
 * A group-year aggregate of a lower-level column.
 *
 * @param function {@code sum}, {@code mean} or {@code weighted-mean}
 * @param weight   weight column of {@code weighted-mean}
 * @param missing  {@code skip} (default): aggregate the members with a value; {@code propagate}: a group-year
 *                 with any member row whose value (or weight) is missing is missing, as R's {@code weighted.mean}
 */
public record AggregateSpec(String name, String column, String function, String weight, String missing) {
    public static final String SKIP = "skip";
    public static final String PROPAGATE = "propagate";

    public AggregateSpec {
        missing = missing == null ? SKIP : missing;
    }

    public AggregateSpec(String name, String column, String function, String weight) {
        this(name, column, function, weight, SKIP);
    }

    public boolean propagatesMissing() {
        return PROPAGATE.equalsIgnoreCase(missing);
    }
}
