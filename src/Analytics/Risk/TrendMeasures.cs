namespace DiaBan.Analytics.Risk;

/// <summary>Small trend measures over a short count series (oldest first).</summary>
public static class TrendMeasures
{
    /// <summary>Ordinary least-squares slope of y on 0..n-1 (units of y per step); 0 for fewer than 2 points.</summary>
    public static double OlsSlope(ReadOnlySpan<double> y)
    {
        int n = y.Length;
        if (n < 2) return 0;
        double meanX = (n - 1) / 2.0, meanY = 0;
        foreach (double v in y) meanY += v;
        meanY /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (i - meanX) * (y[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        return sxy / sxx;
    }

    /// <summary>Number of consecutive step-on-step increases ending at the last element.</summary>
    public static int RisingStreak(ReadOnlySpan<double> y)
    {
        int streak = 0;
        for (int i = y.Length - 1; i > 0 && y[i] > y[i - 1]; i--) streak++;
        return streak;
    }
}

/// <summary>
/// Minimal Mann–Kendall trend test, private to the risk features so Risk does not depend on the statistics branch.
/// The lead will replace it with DiaBan.Analytics.Statistics.MannKendall when both are merged.
/// Source: Kendall (1975), Rank Correlation Methods; variance with tie correction as in Hipel &amp; McLeod (1994) §23.3.
/// </summary>
internal static class LocalMannKendall
{
    /// <summary>S = Σ_{i&lt;j} sign(x_j − x_i); z continuity-corrected, 0 when the variance is 0.</summary>
    public static (double S, double Z) Test(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        if (n < 2) return (0, 0);
        double s = 0;
        for (int i = 0; i < n - 1; i++)
            for (int j = i + 1; j < n; j++)
                s += Math.Sign(x[j] - x[i]);

        // Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over tie groups of size t.
        double variance = n * (n - 1.0) * (2 * n + 5);
        Span<double> sorted = n <= 64 ? stackalloc double[n] : new double[n];
        x.CopyTo(sorted);
        sorted.Sort();
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) j++;
            double t = j - i;
            variance -= t * (t - 1) * (2 * t + 5);
            i = j;
        }
        variance /= 18;
        if (variance <= 0) return (s, 0);
        double z = s > 0 ? (s - 1) / Math.Sqrt(variance) : s < 0 ? (s + 1) / Math.Sqrt(variance) : 0;
        return (s, z);
    }
}
