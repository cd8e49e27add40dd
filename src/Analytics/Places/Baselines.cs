using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Places;

internal static class CellForecasts
{
    public static int HorizonDays(CellScoringInput input) => input.Horizon.EndExclusive(input.From).DayNumber - input.From.DayNumber;

    /// <summary>A forecast with a Poisson 90 % interval around the mean (no model error: baselines make no claim about theirs).</summary>
    public static CellForecast Poisson(long id, double mean, IReadOnlyList<RiskReason> reasons)
    {
        var (low, high) = PoissonInterval.Of(mean);
        return new CellForecast(id, mean, low, high, reasons);
    }
}

/// <summary>Central 90 % interval of a Poisson count with the given mean: the 5 % and 95 % quantiles.</summary>
public static class PoissonInterval
{
    public static (double Low, double High) Of(double mean)
    {
        if (!(mean > 0)) return (0, 0);
        if (mean > 50)
        {
            double sd = Math.Sqrt(mean);
            return (Math.Max(0, Math.Floor(mean - 1.645 * sd)), Math.Ceiling(mean + 1.645 * sd));
        }
        double p = Math.Exp(-mean), cdf = p;
        int k = 0, low = -1;
        while (true)
        {
            if (low < 0 && cdf >= 0.05) low = k;
            if (cdf >= 0.95) return (low, k);
            k++;
            p *= mean / k;
            cdf += p;
        }
    }
}

/// <summary>Baseline: each cell's incidents in the last period of the horizon's length (the naive "last week / last month").</summary>
public sealed class LastPeriodScorer : ICellScorer
{
    public string Name => "last_period";

    public IReadOnlyList<CellForecast> Score(CellScoringInput input)
    {
        var raster = new CellRaster(input.Cells, input.CellSizeM);
        int days = CellForecasts.HorizonDays(input);
        int start = input.From.DayNumber - days;
        var count = new double[input.Cells.Count];
        foreach (var e in input.History)
        {
            int d = e.Date.DayNumber;
            if (d < start || d >= input.From.DayNumber) continue;
            int i = raster.CellOf(e.X, e.Y);
            if (i >= 0) count[i]++;
        }
        return input.Cells.Select((c, i) => CellForecasts.Poisson(c.Id, count[i], [])).ToArray();
    }
}

/// <summary>
/// Baseline: quartic kernel density (ANALYTICS.md §7, <see cref="QuarticKernelDensity"/>) of the last
/// <paramref name="windowDays"/> of incidents at each cell centroid, times the cell's area, scaled to the horizon.
/// The bandwidth is chosen by the backtest on earlier folds (<see cref="CellBacktest"/>), not by eye.
/// </summary>
public sealed class KdeHotSpotScorer(double bandwidthM, int windowDays = 365) : ICellScorer
{
    /// <summary>The bandwidths the backtest tries (a few hundred metres is the urban rule of thumb, §7).</summary>
    public static IReadOnlyList<double> Candidates { get; } = [150, 250, 400, 600, 900];

    public double BandwidthM => bandwidthM;

    public string Name => "kde";

    public IReadOnlyList<CellForecast> Score(CellScoringInput input)
    {
        int start = input.From.DayNumber - windowDays;
        var points = input.History.Where(e => e.Date.DayNumber >= start && e.Date < input.From).Select(e => (e.X, e.Y)).ToArray();
        var density = QuarticKernelDensity.Evaluate(points, input.Cells.Select(c => (c.X, c.Y)).ToArray(), bandwidthM);
        double scale = input.CellSizeM * input.CellSizeM * CellForecasts.HorizonDays(input) / windowDays;
        return input.Cells.Select((c, i) => CellForecasts.Poisson(c.Id, density[i] * scale * c.AreaShare, [])).ToArray();
    }
}
