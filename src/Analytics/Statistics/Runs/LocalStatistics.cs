using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Statistics.Runs;

/// <summary>The per-unit statistics a run offers.</summary>
public enum LocalStatistic
{
    /// <summary>Getis–Ord Gi* (self included): the hot-spot statistic.</summary>
    GiStar,
    /// <summary>Getis–Ord Gi (self excluded).</summary>
    Gi,
    /// <summary>Anselin's local Moran's I (LISA).</summary>
    LocalMoran,
}

/// <summary>
/// Settings of a local run. Transform null = the statistic's usual style (binary for Gi/Gi*, as ArcGIS; row-standardised
/// for LISA, as GeoDa). Fdr: Gi/Gi* bins and LISA significance from Benjamini–Hochberg over all units instead of raw p.
/// </summary>
public sealed record LocalRunOptions(
    WeightsTransform? Transform = null,
    int Permutations = 999,
    ulong Seed = 1,
    bool Fdr = false,
    double SignificanceLevel = 0.05);

/// <summary>
/// One unit's result. Statistic: G_i ratio for Gi/Gi*, I_i for LISA. Z, P: the Gi z and its two-sided normal p; for
/// LISA the permutation z and pseudo p (analytic conditional z and p with 0 permutations). Code: Gi bin −3…+3, or the
/// GeoDa cluster code (0 not significant, 1 HH, 2 LL, 3 LH, 4 HL, 6 no neighbours). NaN z/p: no neighbours.
/// </summary>
public sealed record LocalRow(int Index, double Value, int Neighbours, double Statistic, double Z, double P, int Code, string Label);

public sealed record LocalRun(LocalStatistic Statistic, WeightsTransform Transform, int Analysed, IReadOnlyList<LocalRow> Rows);

/// <summary>Runs Gi*, Gi or local Moran on values and weights and returns one row per unit in input order.</summary>
public static class LocalStatistics
{
    public static WeightsTransform DefaultTransform(LocalStatistic statistic) =>
        statistic == LocalStatistic.LocalMoran ? WeightsTransform.RowStandardised : WeightsTransform.Binary;

    public static LocalRun Run(LocalStatistic statistic, IReadOnlyList<double> values, SpatialWeights weights, LocalRunOptions? options = null)
    {
        options ??= new LocalRunOptions();
        var transform = options.Transform ?? DefaultTransform(statistic);
        var styled = weights.Styled(transform);
        return statistic == LocalStatistic.LocalMoran
            ? Lisa(values, styled, transform, options)
            : Getis(statistic, values, styled, transform, options);
    }

    private static LocalRun Getis(LocalStatistic statistic, IReadOnlyList<double> values, SpatialWeights weights, WeightsTransform transform, LocalRunOptions options)
    {
        var result = statistic == LocalStatistic.GiStar ? LocalG.GiStar(values, weights.WithSelf()) : LocalG.Gi(values, weights);
        var rows = result.Units.Select(u =>
        {
            var bin = double.IsNaN(u.Z) ? 0 : options.Fdr ? u.FdrBin : u.Bin;
            var label = double.IsNaN(u.Z) ? StatisticLabels.Vietnamese(LisaCluster.Neighbourless) : StatisticLabels.HotSpotBin(bin);
            return new LocalRow(u.Index, values[u.Index], OtherNeighbours(weights, u.Index), u.G, u.Z, u.P, bin, label);
        }).ToArray();
        return new LocalRun(statistic, transform, result.N, rows);
    }

    private static LocalRun Lisa(IReadOnlyList<double> values, SpatialWeights weights, WeightsTransform transform, LocalRunOptions options)
    {
        var result = LocalMoran.Compute(values, weights, new LocalMoranOptions(options.Permutations, options.Seed, SignificanceLevel: options.SignificanceLevel));
        var p = result.Units.Select(u => u.P).ToArray();
        // FDR: the quadrant is shown where Benjamini–Hochberg keeps the unit at the chosen level (GeoDa's "FDR" filter)
        var significant = options.Fdr ? FalseDiscoveryRate.Significant(p, options.SignificanceLevel) : p.Select(v => v < options.SignificanceLevel).ToArray();
        var rows = result.Units.Select((u, i) =>
        {
            var cluster = u.Cluster == LisaCluster.Neighbourless ? LisaCluster.Neighbourless
                : significant[i] ? (LisaCluster)(int)u.Quadrant : LisaCluster.NotSignificant;
            var z = u.Permutation?.Z ?? u.ZConditional;
            return new LocalRow(u.Index, values[u.Index], OtherNeighbours(weights, u.Index), u.I, z, u.P, (int)cluster, cluster.Vietnamese());
        }).ToArray();
        return new LocalRun(LocalStatistic.LocalMoran, transform, result.N, rows);
    }

    private static int OtherNeighbours(SpatialWeights weights, int unit) =>
        weights.IncludesSelf ? weights.Cardinality(unit) - 1 : weights.Cardinality(unit);
}
