using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Statistics;

/// <summary>One unit's Getis–Ord local G: the ratio, its moments, the z-score (the statistic ArcGIS maps) and bins.</summary>
/// <param name="G">Σ_j w_ij x_j / Σ_j x_j (j over all units for Gi*, j ≠ i for Gi).</param>
/// <param name="Z">(Σ_j w_ij x_j − W_i x̄) / (S·√((n W_i(2) − W_i²)/(n−1))) — GiZScore.</param>
/// <param name="P">Two-sided normal p.</param>
/// <param name="Bin">±3/±2/±1/0 at p ≤ 0.01/0.05/0.10 without correction.</param>
/// <param name="FdrBin">The same bins with BH FDR over all units (ArcGIS "Apply False Discovery Rate Correction").</param>
public sealed record LocalGUnit(int Index, double Value, double G, double ExpectedG, double VarianceG, double Z, double P, int Bin, int FdrBin);

public sealed record LocalGResult(bool IncludesSelf, int N, IReadOnlyList<LocalGUnit> Units);

/// <summary>
/// Local Gi (self excluded) and Gi* (self included), Ord &amp; Getis (1995) as spdep localG and ArcGIS Hot Spot Analysis,
/// ANALYTICS.md §3: Gi* uses x̄, S = √(Σx²/n − x̄²) and n of all units; Gi the mean, SD and count of the other n−1.
/// </summary>
public static class LocalG
{
    /// <summary>Gi*: the weights must include self (<see cref="SpatialWeights.WithSelf"/>), usually binary.</summary>
    public static LocalGResult GiStar(IReadOnlyList<double> values, SpatialWeights weights)
    {
        if (!weights.IncludesSelf) throw new ArgumentException("Gi* needs weights that include each unit itself: call WithSelf().", nameof(weights));
        return Compute(values, weights, star: true);
    }

    /// <summary>Gi: the weights must not include self.</summary>
    public static LocalGResult Gi(IReadOnlyList<double> values, SpatialWeights weights)
    {
        if (weights.IncludesSelf) throw new ArgumentException("Gi excludes the unit itself: use weights without self-links (or GiStar).", nameof(weights));
        return Compute(values, weights, star: false);
    }

    private static LocalGResult Compute(IReadOnlyList<double> values, SpatialWeights weights, bool star)
    {
        var scope = AnalysisScope.Create(values, weights);
        var x = scope.Values;
        var w = scope.Weights;
        var n = x.Length;
        if (n < 3) throw new ArgumentException("Local G needs at least 3 units.", nameof(values));
        var total = x.Sum();
        var mean = total / n;
        var sumSquaredDeviations = x.Sum(v => (v - mean) * (v - mean));
        var z = new double[n];
        var units = new LocalGUnit[n];
        Parallel.For(0, n, i =>
        {
            var neighbours = w.Neighbours(i);
            var weightsI = w.Weights(i);
            double lag = 0, wi = 0, wi2 = 0;
            for (var k = 0; k < neighbours.Length; k++)
            {
                lag += weightsI[k] * x[neighbours[k]];
                wi += weightsI[k];
                wi2 += weightsI[k] * weightsI[k];
            }
            double localMean, variance, denominatorTotal;
            if (star)
            {
                localMean = mean;
                variance = sumSquaredDeviations / n * ((n * wi2 - wi * wi) / (n - 1.0));
                denominatorTotal = total;
            }
            else
            {
                // mean and variance of the other n−1 values, from deviations about the full mean (stable)
                var di = x[i] - mean;
                localMean = mean - di / (n - 1.0);
                var othersVariance = (sumSquaredDeviations - di * di) / (n - 1.0) - (localMean - mean) * (localMean - mean);
                variance = othersVariance * (((n - 1.0) * wi2 - wi * wi) / (n - 2.0));
                denominatorTotal = total - x[i];
            }
            var expected = wi * localMean;
            z[i] = (lag - expected) / Math.Sqrt(variance);
            var p = Normal.TwoSidedP(z[i]);
            units[i] = new LocalGUnit(scope.OriginalIndex[i], x[i], lag / denominatorTotal, expected / denominatorTotal,
                variance / (denominatorTotal * denominatorTotal), z[i], p, double.IsNaN(p) ? 0 : FalseDiscoveryRate.UncorrectedBin(z[i], p), 0);
        });
        var fdrBins = FalseDiscoveryRate.Bins(z, units.Select(u => u.P).ToArray());
        var withFdr = units.Select((u, i) => u with { FdrBin = fdrBins[i] }).ToArray();
        var expanded = scope.Expand(withFdr, i => new LocalGUnit(i, values[i], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0));
        return new LocalGResult(star, n, expanded);
    }
}
