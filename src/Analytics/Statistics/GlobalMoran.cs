using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Statistics;

/// <summary>Options for <see cref="GlobalMoran"/>; permutations 0 = analytic only.</summary>
public sealed record GlobalMoranOptions(int Permutations = 0, ulong Seed = 1, PermutationAlternative Alternative = PermutationAlternative.Folded);

/// <summary>Variance, z and normal p-values of a statistic under one null hypothesis.</summary>
public sealed record MomentTest(double Variance, double Z, double PTwoSided, double PGreater, double PLess)
{
    internal static MomentTest Of(double statistic, double expected, double variance)
    {
        var z = (statistic - expected) / Math.Sqrt(variance);
        return new MomentTest(variance, z, Normal.TwoSidedP(z), Normal.UpperTail(z), Normal.Cdf(z));
    }
}

/// <summary>Global Moran's I with moments under normality and randomisation and an optional permutation test.</summary>
/// <param name="N">Units analysed (islands excluded under <see cref="IslandPolicy.Exclude"/>).</param>
/// <param name="Kurtosis">b2 = m4 / m2².</param>
public sealed record GlobalMoranResult(int N, double I, double Expected, MomentTest Normality, MomentTest Randomisation, double Kurtosis, WeightsConstants Constants, PermutationSummary? Permutation);

/// <summary>
/// Global Moran's I. I = (n/S0)·Σ_i Σ_j w_ij z_i z_j / Σ z_i²; E[I] = −1/(n−1); Var_N and Var_R as in ANALYTICS.md §1
/// (Cliff &amp; Ord 1981, ch. 2; spdep moran.test). Permutation test: values shuffled over all units R times.
/// </summary>
public static class GlobalMoran
{
    public static GlobalMoranResult Compute(IReadOnlyList<double> values, SpatialWeights weights, GlobalMoranOptions? options = null)
    {
        options ??= new GlobalMoranOptions();
        if (options.Permutations < 0) throw new ArgumentOutOfRangeException(nameof(options), "Permutations cannot be negative.");
        var scope = AnalysisScope.Create(values, weights);
        var w = scope.Weights;
        var n = scope.Count;
        if (n < 4) throw new ArgumentException("Moran's I needs at least 4 units for its randomisation variance.", nameof(values));
        var z = Deviations(scope.Values);
        double m2 = 0, m4 = 0;
        foreach (var d in z)
        {
            m2 += d * d;
            m4 += d * d * d * d;
        }
        if (m2 == 0) throw new ArgumentException("All values are equal; Moran's I is undefined.", nameof(values));
        var c = w.Constants;
        var i = Statistic(z, w, c.S0, m2);
        var b2 = m4 / n / (m2 / n * (m2 / n));
        var expected = -1.0 / (n - 1);
        double nn = (double)n * n, s02 = c.S0 * c.S0;
        var varianceNormal = (nn * c.S1 - n * c.S2 + 3 * s02) / ((nn - 1) * s02) - expected * expected;
        var varianceRandom = (n * ((nn - 3 * n + 3) * c.S1 - n * c.S2 + 3 * s02) - b2 * ((nn - n) * c.S1 - 2 * n * c.S2 + 6 * s02))
            / ((n - 1.0) * (n - 2.0) * (n - 3.0) * s02) - expected * expected;
        var permutation = options.Permutations > 0 ? Permute(z, w, c.S0, m2, i, options) : null;
        return new GlobalMoranResult(n, i, expected, MomentTest.Of(i, expected, varianceNormal), MomentTest.Of(i, expected, varianceRandom), b2, c, permutation);
    }

    internal static double[] Deviations(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return values.Select(v => v - mean).ToArray();
    }

    private static double Statistic(double[] z, SpatialWeights w, double s0, double sumSquares)
    {
        double cross = 0;
        for (var i = 0; i < z.Length; i++)
        {
            var neighbours = w.Neighbours(i);
            var weights = w.Weights(i);
            double lag = 0;
            for (var k = 0; k < neighbours.Length; k++) lag += weights[k] * z[neighbours[k]];
            cross += z[i] * lag;
        }
        return z.Length / s0 * cross / sumSquares;
    }

    private static PermutationSummary Permute(double[] z, SpatialWeights w, double s0, double sumSquares, double observed, GlobalMoranOptions options)
    {
        var simulated = new double[options.Permutations];
        Parallel.For(0, options.Permutations, () => new double[z.Length], (r, _, shuffled) =>
        {
            var rng = SeededRandom.ForStream(options.Seed, r);
            Array.Copy(z, shuffled, z.Length);
            for (var k = shuffled.Length - 1; k > 0; k--)
            {
                var j = rng.NextInt(k + 1);
                (shuffled[k], shuffled[j]) = (shuffled[j], shuffled[k]);
            }
            simulated[r] = Statistic(shuffled, w, s0, sumSquares);
            return shuffled;
        }, _ => { });
        return PermutationSummary.From(observed, simulated, options.Seed, options.Alternative);
    }
}
