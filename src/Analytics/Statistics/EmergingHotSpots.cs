using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Statistics;

/// <summary>Which bins supply the mean, SD and count that each space-time Gi* is compared with (ArcGIS Pro "Define Global Window").</summary>
public enum GlobalWindow
{
    /// <summary>All bins of the cube (ArcGIS default): "hot in absolute terms".</summary>
    EntireCube,
    /// <summary>The bins of the time steps in the bin's neighbourhood time window (t − k … t).</summary>
    NeighbourhoodTimeStep,
    /// <summary>Only the bins of the bin's own time step: "hot relative to that period".</summary>
    IndividualTimeStep,
}

/// <summary>
/// Options for <see cref="EmergingHotSpots"/>. <paramref name="TrendSignificanceLevel"/>: two-sided Mann–Kendall level at which
/// a trend in a location's Gi* z-scores counts (default 0.10 = the cube's ≥ 90% trend bin; sfdep uses 0.01).
/// <paramref name="ApplyFdr"/>: BH over all bins at 0.10/0.05/0.01 (always on in ArcGIS EHSA).
/// </summary>
public sealed record EmergingHotSpotOptions(
    int NeighbourhoodTimeStep = 1,
    GlobalWindow GlobalWindow = GlobalWindow.EntireCube,
    double TrendSignificanceLevel = 0.10,
    bool ApplyFdr = true);

/// <summary>One space-time bin: Gi* z, two-sided p and its (FDR-corrected) confidence bin ±3/±2/±1/0.</summary>
public readonly record struct SpaceTimeBin(double Z, double P, int Bin);

/// <summary>One location's result: category, Mann–Kendall trend of its Gi* z series, counts of significant steps, its bins.</summary>
public sealed record EmergingLocation(int Index, EmergingCategory Category, MannKendallResult Trend, int HotSteps, int ColdSteps, IReadOnlyList<SpaceTimeBin> Bins);

public sealed record EmergingHotSpotResult(int LocationCount, int TimeSteps, EmergingHotSpotOptions Options, IReadOnlyList<EmergingLocation> Locations);

/// <summary>
/// Esri Emerging Hot Spot Analysis (ANALYTICS.md §6). Space-time Gi*: bin (i, t)'s neighbours are the bins (j, s) with
/// j ∈ N(i) ∪ {i} and t − k ≤ s ≤ t (backward window, truncated at the first step), weight w_ij of the spatial weights
/// (self weight 1 added when absent); Gi* = (Σ w x − x̄ W)/(S √((N W(2) − W²)/(N − 1))) with x̄, S, N from the global
/// window (Ord &amp; Getis 1995). FDR over all bins, Mann–Kendall on each location's z series, then <see cref="Classify"/>.
/// </summary>
public static class EmergingHotSpots
{
    /// <param name="cube">cube[location][timeStep], equal time steps, at least 2 steps.</param>
    public static EmergingHotSpotResult Analyse(IReadOnlyList<IReadOnlyList<double>> cube, SpatialWeights spatial, EmergingHotSpotOptions? options = null)
    {
        options ??= new EmergingHotSpotOptions();
        var n = cube.Count;
        if (n != spatial.Count) throw new ArgumentException($"The cube has {n} locations, the weights {spatial.Count}.", nameof(cube));
        if (n < 3) throw new ArgumentException("At least 3 locations are required.", nameof(cube));
        var steps = cube[0].Count;
        if (steps < 3) throw new ArgumentException("At least 3 time steps are required (Mann–Kendall).", nameof(cube));
        if (options.NeighbourhoodTimeStep < 0) throw new ArgumentOutOfRangeException(nameof(options), "The neighbourhood time step cannot be negative.");
        var x = new double[n][];
        for (var i = 0; i < n; i++)
        {
            if (cube[i].Count != steps) throw new ArgumentException($"Location {i} has {cube[i].Count} time steps, expected {steps}.", nameof(cube));
            x[i] = cube[i].ToArray();
            if (x[i].Any(v => !double.IsFinite(v))) throw new ArgumentException($"Location {i} has a non-finite value.", nameof(cube));
        }
        var w = spatial.IncludesSelf ? spatial : spatial.WithSelf();

        var z = SpaceTimeGiStar(x, w, options);
        var flatZ = new double[n * steps];
        var flatP = new double[n * steps];
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < steps; t++)
            {
                flatZ[i * steps + t] = z[i][t];
                flatP[i * steps + t] = Normal.TwoSidedP(z[i][t]);
            }
        }
        var bins = options.ApplyFdr
            ? FalseDiscoveryRate.Bins(flatZ, flatP)
            : flatZ.Select((v, k) => double.IsNaN(flatP[k]) ? 0 : FalseDiscoveryRate.UncorrectedBin(v, flatP[k])).ToArray();

        var locations = new EmergingLocation[n];
        Parallel.For(0, n, i =>
        {
            var series = new SpaceTimeBin[steps];
            var locationBins = new int[steps];
            for (var t = 0; t < steps; t++)
            {
                var k = i * steps + t;
                series[t] = new SpaceTimeBin(flatZ[k], flatP[k], bins[k]);
                locationBins[t] = bins[k];
            }
            // an undefined or infinite z (no variation in the window, e.g. quarters with no incidents at all) carries no
            // evidence of clustering: 0 in the trend series
            var trend = MannKendall.Test(series.Select(b => double.IsFinite(b.Z) ? b.Z : 0.0).ToArray());
            var category = Classify(locationBins, trend.Trend(options.TrendSignificanceLevel));
            locations[i] = new EmergingLocation(i, category, trend, locationBins.Count(b => b > 0), locationBins.Count(b => b < 0), series);
        });
        return new EmergingHotSpotResult(n, steps, options, locations);
    }

    /// <summary>
    /// The 17-way classification of ANALYTICS.md §6 from a location's bins (&gt; 0 significant hot, &lt; 0 significant cold)
    /// and its trend (+1 significant increase of Gi* z, −1 decrease, 0 none). "≥ 90%" is 10·|H| ≥ 9·T. Precedence:
    /// final hot → ≥ 90% hot: intensifying (trend up) / diminishing (down) / persistent; else an earlier cold step →
    /// oscillating; else one hot step → new; else one unbroken run ending at the final step → consecutive; else sporadic.
    /// Final cold mirrors this (intensifying cold = trend down). Final neither: ≥ 90% hot → historical hot,
    /// ≥ 90% cold → historical cold, else no pattern.
    /// </summary>
    public static EmergingCategory Classify(IReadOnlyList<int> bins, int trend)
    {
        var steps = bins.Count;
        if (steps == 0) throw new ArgumentException("No time steps.", nameof(bins));
        var final = Math.Sign(bins[steps - 1]);
        var hot = bins.Count(b => b > 0);
        var cold = bins.Count(b => b < 0);
        if (final == 0)
        {
            return 10 * hot >= 9 * steps ? EmergingCategory.HistoricalHotSpot
                : 10 * cold >= 9 * steps ? EmergingCategory.HistoricalColdSpot
                : EmergingCategory.NoPattern;
        }
        var same = final > 0 ? hot : cold;
        var opposite = final > 0 ? cold : hot;
        var code = SameSideCode(bins, final, same, opposite, trend * final, steps);
        return (EmergingCategory)(final * code);
    }

    // Code 1..7 on the side of the final step; intensifying when the trend points away from zero on that side.
    private static int SameSideCode(IReadOnlyList<int> bins, int side, int same, int opposite, int trendOnSide, int steps)
    {
        if (10 * same >= 9 * steps) return trendOnSide > 0 ? 3 : trendOnSide < 0 ? 5 : 4;
        if (opposite > 0) return 7;
        if (same == 1) return 1;
        var run = 0;
        for (var t = steps - 1; t >= 0 && Math.Sign(bins[t]) == side; t--) run++;
        return run == same ? 2 : 6;
    }

    private static double[][] SpaceTimeGiStar(double[][] x, SpatialWeights w, EmergingHotSpotOptions options)
    {
        var n = x.Length;
        var steps = x[0].Length;
        var lag = options.NeighbourhoodTimeStep;
        // the global mean, SD and count each time step is compared with, computed once per step
        var globalMoments = new (double Mean, double Sd, double Count)[steps];
        var cube = WindowMoments(x, 0, steps - 1);
        for (var t = 0; t < steps; t++)
        {
            globalMoments[t] = options.GlobalWindow switch
            {
                GlobalWindow.EntireCube => cube,
                GlobalWindow.IndividualTimeStep => WindowMoments(x, t, t),
                _ => WindowMoments(x, Math.Max(0, t - lag), t),
            };
        }

        var z = new double[n][];
        Parallel.For(0, n, i =>
        {
            var neighbours = w.Neighbours(i);
            var weights = w.Weights(i);
            double wi = 0, wi2 = 0;
            foreach (var v in weights)
            {
                wi += v;
                wi2 += v * v;
            }
            var spatialLag = new double[steps];
            for (var t = 0; t < steps; t++)
            {
                double sum = 0;
                for (var k = 0; k < neighbours.Length; k++) sum += weights[k] * x[neighbours[k]][t];
                spatialLag[t] = sum;
            }
            z[i] = new double[steps];
            for (var t = 0; t < steps; t++)
            {
                var first = Math.Max(0, t - lag);
                var windowSteps = t - first + 1;
                double local = 0;
                for (var s = first; s <= t; s++) local += spatialLag[s];
                var (mean, sd, count) = globalMoments[t];
                var bigW = windowSteps * wi;
                var bigW2 = windowSteps * wi2;
                var denominator = sd * Math.Sqrt((count * bigW2 - bigW * bigW) / (count - 1));
                // a window without variation (sd at the rounding level of its mean, e.g. quarters before the data
                // start) has no z: dividing by rounding noise gave huge or infinite z and false hot spots
                z[i][t] = sd > 1e-12 * Math.Abs(mean) && denominator > 0 ? (local - mean * bigW) / denominator : double.NaN;
            }
        });
        return z;
    }

    private static (double Mean, double Sd, double Count) WindowMoments(double[][] x, int first, int last)
    {
        double sum = 0;
        foreach (var row in x)
        {
            for (var s = first; s <= last; s++) sum += row[s];
        }
        var count = x.Length * (last - first + 1.0);
        var mean = sum / count;
        double ssd = 0;
        foreach (var row in x)
        {
            for (var s = first; s <= last; s++) ssd += (row[s] - mean) * (row[s] - mean);
        }
        return (mean, Math.Sqrt(ssd / count), count);
    }
}
