namespace DiaBan.Analytics.Statistics;

/// <summary>Mann–Kendall trend test result.</summary>
/// <param name="S">Σ_{a&lt;b} sign(y_b − y_a).</param>
/// <param name="VarianceS">[T(T−1)(2T+5) − Σ_t t(t−1)(2t+5)]/18 over tie groups of size t.</param>
/// <param name="Z">(S − sign(S))/√Var(S), continuity-corrected; 0 when S = 0.</param>
/// <param name="P">Two-sided normal p.</param>
/// <param name="TauA">S / (T(T−1)/2).</param>
/// <param name="TauB">S / √(n0·(n0 − n1)), n1 = Σ t(t−1)/2 — Kendall's tau-b against time (R cor.test estimate).</param>
public sealed record MannKendallResult(int Length, double S, double VarianceS, double Z, double P, double TauA, double TauB)
{
    /// <summary>+1 (significant upward), −1 (significant downward) or 0 at the given two-sided level.</summary>
    public int Trend(double alpha) => P <= alpha ? Math.Sign(S) : 0;
}

/// <summary>
/// Mann–Kendall trend test with tie correction and continuity correction (Mann 1945; Kendall 1975), equal to
/// R cor.test(time, y, method = "kendall", exact = FALSE, continuity = TRUE) — ANALYTICS.md §5.
/// </summary>
public static class MannKendall
{
    public static MannKendallResult Test(IReadOnlyList<double> series)
    {
        var t = series.Count;
        if (t < 3) throw new ArgumentException("Mann–Kendall needs at least 3 time steps.", nameof(series));
        if (!series.All(double.IsFinite)) throw new ArgumentException("The series must be finite numbers.", nameof(series));
        var values = series.ToArray();
        var (s, variance, z, tiedPairs) = Core(values);
        var pairs = t * (t - 1.0) / 2;
        var tauB = pairs - tiedPairs > 0 ? s / Math.Sqrt(pairs * (pairs - tiedPairs)) : double.NaN;
        return new MannKendallResult(t, s, variance, z, Normal.TwoSidedP(z), s / pairs, tauB);
    }

    /// <summary>S and continuity-corrected z without allocating (hot path of the risk features); (0, 0) below 2 steps.</summary>
    public static (double S, double Z) StatisticAndZ(ReadOnlySpan<double> series)
    {
        if (series.Length < 2) return (0, 0);
        var (s, _, z, _) = Core(series);
        return (s, z);
    }

    private static (double S, double Variance, double Z, double TiedPairs) Core(ReadOnlySpan<double> series)
    {
        var t = series.Length;
        long s = 0;
        for (var a = 0; a < t - 1; a++)
        {
            for (var b = a + 1; b < t; b++) s += Math.Sign(series[b] - series[a]);
        }
        Span<double> sorted = t <= 64 ? stackalloc double[t] : new double[t];
        series.CopyTo(sorted);
        sorted.Sort();
        double tieTerm = 0, tiedPairs = 0;
        for (var start = 0; start < t;)
        {
            var end = start + 1;
            while (end < t && sorted[end] == sorted[start]) end++;
            double size = end - start;
            tieTerm += size * (size - 1) * (2 * size + 5);
            tiedPairs += size * (size - 1) / 2;
            start = end;
        }
        var variance = (t * (t - 1.0) * (2.0 * t + 5) - tieTerm) / 18.0;
        var z = s == 0 || variance <= 0 ? 0.0 : (s - Math.Sign(s)) / Math.Sqrt(variance);
        return (s, variance, z, tiedPairs);
    }
}
