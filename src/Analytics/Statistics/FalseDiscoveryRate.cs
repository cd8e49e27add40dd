namespace DiaBan.Analytics.Statistics;

/// <summary>
/// Multiple-testing corrections. Benjamini–Hochberg (1995): sort p ascending, the k smallest are significant for the
/// largest k with p(k) ≤ (k/n)·α — equivalently BH-adjusted p ≤ α (R p.adjust "BH"). ArcGIS bins (ANALYTICS.md §4):
/// BH run at α = 0.10, 0.05, 0.01 over all features, bin ±3/±2/±1 by the strictest level survived, sign of z; z and p
/// themselves unchanged. NaN p-values (undefined statistics) are never significant and do not count in n.
/// </summary>
public static class FalseDiscoveryRate
{
    /// <summary>The three confidence levels of ArcGIS bins, strictest first.</summary>
    public static readonly IReadOnlyList<double> BinLevels = [0.01, 0.05, 0.10];

    /// <summary>BH-adjusted p-values: p_adj(i) = min_{j ≥ i} (n/j)·p(j), capped at 1.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var adjusted = new double[pValues.Count];
        Array.Fill(adjusted, double.NaN);
        var finite = 0;
        for (var i = 0; i < pValues.Count; i++)
        {
            if (!double.IsNaN(pValues[i])) finite++;
        }
        var order = new int[finite];
        var sorted = new double[finite];
        for (int i = 0, k = 0; i < pValues.Count; i++)
        {
            if (double.IsNaN(pValues[i])) continue;
            order[k] = i;
            sorted[k++] = pValues[i];
        }
        // the order among tied p-values does not matter: the running minimum gives ties the same adjusted value
        Array.Sort(sorted, order);
        var running = 1.0;
        for (var rank = finite; rank >= 1; rank--)
        {
            running = Math.Min(running, (double)finite / rank * sorted[rank - 1]);
            adjusted[order[rank - 1]] = Math.Min(1.0, running);
        }
        return adjusted;
    }

    /// <summary>True where BH at level α declares the test significant.</summary>
    public static bool[] Significant(IReadOnlyList<double> pValues, double alpha) =>
        Adjust(pValues).Select(p => p <= alpha).ToArray();

    /// <summary>ArcGIS-style FDR-corrected confidence bins: ±3 (99%), ±2 (95%), ±1 (90%), 0.</summary>
    public static int[] Bins(IReadOnlyList<double> zScores, IReadOnlyList<double> pValues)
    {
        if (zScores.Count != pValues.Count) throw new ArgumentException("One z-score per p-value is required.", nameof(zScores));
        var adjusted = Adjust(pValues);
        return adjusted.Select((p, i) => Sign(zScores[i]) * Level(p)).ToArray();
    }

    /// <summary>Uncorrected bins: ±3 if p ≤ 0.01, ±2 if p ≤ 0.05, ±1 if p ≤ 0.10 (ArcGIS Gi_Bin without FDR).</summary>
    public static int UncorrectedBin(double z, double p) => Sign(z) * Level(p);

    /// <summary>Bonferroni: significant where p ≤ α/n (n = number of finite p-values).</summary>
    public static bool[] Bonferroni(IReadOnlyList<double> pValues, double alpha)
    {
        var n = pValues.Count(p => !double.IsNaN(p));
        return pValues.Select(p => p <= alpha / n).ToArray();
    }

    private static int Level(double p) => p <= 0.01 ? 3 : p <= 0.05 ? 2 : p <= 0.10 ? 1 : 0;

    private static int Sign(double z) => z > 0 ? 1 : z < 0 ? -1 : 0;
}
