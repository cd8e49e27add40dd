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
