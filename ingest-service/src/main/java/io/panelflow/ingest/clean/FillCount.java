package io.panelflow.ingest.clean;

/**
 * What filling did to one series or column.
 *
 * @param interiorFilled   interior gaps filled (a missing value with observations before and after it)
 * @param edgeFilled       leading or trailing gaps filled by extrapolation
 * @param linearFallback   interior gaps the growth method filled linearly, a bracketing value not being positive
 * @param left             missing values left missing
 */
public record FillCount(int interiorFilled, int edgeFilled, int linearFallback, int left) {
    public static final FillCount ZERO = new FillCount(0, 0, 0, 0);

    public FillCount plus(FillCount o) {
        return new FillCount(interiorFilled + o.interiorFilled, edgeFilled + o.edgeFilled,
                linearFallback + o.linearFallback, left + o.left);
    }

    public int filled() {
        return interiorFilled + edgeFilled;
    }
}
