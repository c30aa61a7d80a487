package io.shape.domain.report;

/**
 * How one fitted statistic moved between two runs, e.g. {@code stdscaler.mean_[3]} or the median quantile of
 * column 2 of {@code qtransf.quantiles_}.
 *
 * @param scale what the shift is measured against (the statistic's spread), for {@link #relative()}
 */
public record StatisticShift(String step, String statistic, double before, double after, double scale) {
    public double shift() {
        return after - before;
    }

    /** The shift in units of {@code scale}; the absolute shift when the scale is 0. */
    public double relative() {
        return scale > 0 ? shift() / scale : shift();
    }
}
