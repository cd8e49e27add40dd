using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Statistics;

/// <summary>Sign of a unit's deviation and of its spatial lag of deviations (Anselin 1995 scatterplot quadrant).</summary>
public enum MoranQuadrant
{
    /// <summary>No neighbours, so no quadrant.</summary>
    None = 0,
    /// <summary>High value among high neighbours (hot cluster).</summary>
    HighHigh = 1,
    /// <summary>Low value among low neighbours (cold cluster).</summary>
    LowLow = 2,
    /// <summary>Low value among high neighbours (low outlier).</summary>
    LowHigh = 3,
    /// <summary>High value among low neighbours (high outlier).</summary>
    HighLow = 4,
}

/// <summary>LISA cluster map category, coded as GeoDa does (0 not significant, 1 HH, 2 LL, 3 LH, 4 HL, 6 neighbourless).</summary>
public enum LisaCluster
{
    NotSignificant = 0,
    HighHigh = 1,
    LowLow = 2,
    LowHigh = 3,
    HighLow = 4,
    Neighbourless = 6,
}

/// <summary>
/// Options for <see cref="LocalMoran"/>. Clusters are labelled where the pseudo p (or, with 0 permutations, the
/// analytic conditional p) is below <paramref name="SignificanceLevel"/> (ArcGIS shows COType at 95%).
/// </summary>
public sealed record LocalMoranOptions(
    int Permutations = 999,
    ulong Seed = 1,
    PermutationAlternative Alternative = PermutationAlternative.Folded,
    double SignificanceLevel = 0.05,
    int MaxDegreeOfParallelism = -1);

/// <summary>One unit's local Moran: the statistic, its moments under total and conditional randomisation, permutation inference and label.</summary>
/// <param name="Deviation">z_i = x_i − x̄.</param>
/// <param name="LagDeviation">Σ_j w_ij z_j.</param>
/// <param name="I">I_i = (z_i / m2)·Σ_j w_ij z_j, m2 = Σz²/n.</param>
public sealed record LocalMoranUnit(
    int Index,
    double Value,
    double Deviation,
    double LagDeviation,
    double I,
    double ExpectedTotal,
    double VarianceTotal,
    double ZTotal,
    double PTotal,
    double ExpectedConditional,
    double VarianceConditional,
    double ZConditional,
    double PConditional,
    PermutationSummary? Permutation,
    MoranQuadrant Quadrant,
    LisaCluster Cluster)
{
    /// <summary>The p-value used for the label: pseudo p when permutations ran, else analytic conditional p.</summary>
    public double P => Permutation?.PseudoP ?? PConditional;
}

public sealed record LocalMoranResult(int N, double M2, double Kurtosis, IReadOnlyList<LocalMoranUnit> Units, LocalMoranOptions Options);

/// <summary>
/// Local Moran's I (Anselin 1995), n-scaled: I_i = (z_i/m2)·Σ_j w_ij z_j with m2 = Σz²/n (spdep localmoran mlvar = TRUE;
/// GeoDa/esda use n−1, values differ by (n−1)/n, p-values and labels do not). Moments: total randomisation
/// (Sokal et al. 1998 A3–A4) and conditional randomisation (A7–A8), as ANALYTICS.md §2. Inference: conditional
/// permutation — x_i fixed, |N(i)| of the other n−1 values drawn without replacement onto the neighbours, R times —
/// one seeded stream per unit, so results are identical for a seed whatever the thread count.
/// </summary>
public static class LocalMoran
{
    public static LocalMoranResult Compute(IReadOnlyList<double> values, SpatialWeights weights, LocalMoranOptions? options = null)
    {
        options ??= new LocalMoranOptions();
        if (options.Permutations < 0) throw new ArgumentOutOfRangeException(nameof(options), "Permutations cannot be negative.");
        if (weights.IncludesSelf) throw new ArgumentException("Local Moran needs weights without self-links.", nameof(weights));
        var scope = AnalysisScope.Create(values, weights);
        var w = scope.Weights;
        var n = scope.Count;
        if (n < 3) throw new ArgumentException("Local Moran needs at least 3 units.", nameof(values));
        var z = GlobalMoran.Deviations(scope.Values);
        double sum2 = 0, sum4 = 0;
        foreach (var d in z)
        {
            sum2 += d * d;
            sum4 += d * d * d * d;
        }
        var m2 = sum2 / n;
        if (m2 == 0) throw new ArgumentException("All values are equal; local Moran is undefined.", nameof(values));
        var b2 = sum4 / n / (m2 * m2);

        var units = new LocalMoranUnit[n];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, n, parallel, () => new ConditionalPermutation(n, options.Permutations), (i, _, sampler) =>
        {
            units[i] = Unit(i, scope, z, m2, b2, sampler, options);
            return sampler;
        }, _ => { });

        var expanded = scope.Expand(units, i => Neighbourless(i, values[i]));
        return new LocalMoranResult(n, m2, b2, expanded, options);
    }

    private static LocalMoranUnit Unit(int i, AnalysisScope scope, double[] z, double m2, double b2, ConditionalPermutation sampler, LocalMoranOptions options)
    {
        var w = scope.Weights;
        var n = z.Length;
        var neighbours = w.Neighbours(i);
        var weights = w.Weights(i);
        double lag = 0, wi = 0, wi2 = 0;
        for (var k = 0; k < neighbours.Length; k++)
        {
            lag += weights[k] * z[neighbours[k]];
            wi += weights[k];
            wi2 += weights[k] * weights[k];
        }
        var zi = z[i];
        var statistic = zi / m2 * lag;

        var expectedTotal = -wi / (n - 1.0);
        var varianceTotal = wi2 * (n - b2) / (n - 1.0) + (wi * wi - wi2) * (2 * b2 - n) / ((n - 1.0) * (n - 2.0)) - expectedTotal * expectedTotal;
        var expectedConditional = -(zi * zi * wi) / ((n - 1.0) * m2);
        var varianceConditional = zi / m2 * (zi / m2) * (n / (n - 2.0)) * (wi2 - wi * wi / (n - 1.0)) * (m2 - zi * zi / (n - 1.0));
        var zTotal = (statistic - expectedTotal) / Math.Sqrt(varianceTotal);
        var zConditional = (statistic - expectedConditional) / Math.Sqrt(varianceConditional);

        PermutationSummary? permutation = null;
        if (options.Permutations > 0 && neighbours.Length > 0)
        {
            var simulated = sampler.Simulate(i, z, weights, zi / m2, SeededRandom.ForStream(options.Seed, scope.OriginalIndex[i]));
            permutation = PermutationSummary.From(statistic, simulated, options.Seed, options.Alternative);
        }

        var quadrant = neighbours.Length == 0 ? MoranQuadrant.None : (zi > 0, lag > 0) switch
        {
            (true, true) => MoranQuadrant.HighHigh,
            (false, false) => MoranQuadrant.LowLow,
            (false, true) => MoranQuadrant.LowHigh,
            (true, false) => MoranQuadrant.HighLow,
        };
        var pForLabel = permutation?.PseudoP ?? Normal.TwoSidedP(zConditional);
        var cluster = neighbours.Length == 0 ? LisaCluster.Neighbourless
            : pForLabel < options.SignificanceLevel ? (LisaCluster)(int)quadrant : LisaCluster.NotSignificant;

        return new LocalMoranUnit(scope.OriginalIndex[i], scope.Values[i], zi, lag, statistic,
            expectedTotal, varianceTotal, zTotal, Normal.TwoSidedP(zTotal),
            expectedConditional, varianceConditional, zConditional, Normal.TwoSidedP(zConditional),
            permutation, quadrant, cluster);
    }

    private static LocalMoranUnit Neighbourless(int index, double value) =>
        new(index, value, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
            double.NaN, double.NaN, double.NaN, double.NaN, null, MoranQuadrant.None, LisaCluster.Neighbourless);
}
