namespace DiaBan.Analytics.Statistics;

/// <summary>
/// Which simulated statistics count as "at least as extreme" (M) in the pseudo p = (M + 1)/(R + 1) (Hope 1968).
/// DiaBan's default is <see cref="Folded"/>: a two-sided test that needs no choice of direction.
/// </summary>
public enum PermutationAlternative
{
    /// <summary>Two-sided, folded about the mean of the simulations: M = #{|sim − mean| ≥ |obs − mean|}.</summary>
    Folded,
    /// <summary>GeoDa / esda legacy "directed": M = min(#{sim ≥ obs}, R − #{sim ≥ obs}); at most about 0.5.</summary>
    Directed,
    /// <summary>Upper tail: M = #{sim ≥ obs}.</summary>
    Greater,
    /// <summary>Lower tail: M = #{sim ≤ obs}.</summary>
    Less,
}

/// <summary>Summary of a permutation reference distribution for one statistic.</summary>
/// <param name="Permutations">R.</param>
/// <param name="ExtremeCount">M under <paramref name="Alternative"/>.</param>
/// <param name="PseudoP">(M + 1)/(R + 1); never below 1/(R + 1).</param>
/// <param name="Mean">Mean of the simulated statistics.</param>
/// <param name="StdDev">Standard deviation of the simulated statistics (divisor R − 1).</param>
/// <param name="Z">(observed − Mean)/StdDev, the "z_sim" of esda.</param>
public sealed record PermutationSummary(int Permutations, ulong Seed, PermutationAlternative Alternative, int ExtremeCount, double PseudoP, double Mean, double StdDev, double Z)
{
    internal static PermutationSummary From(double observed, ReadOnlySpan<double> simulated, ulong seed, PermutationAlternative alternative)
    {
        var r = simulated.Length;
        double sum = 0;
        foreach (var s in simulated) sum += s;
        var mean = sum / r;
        double squares = 0;
        foreach (var s in simulated) squares += (s - mean) * (s - mean);
        var sd = r > 1 ? Math.Sqrt(squares / (r - 1)) : double.NaN;
        var m = CountExtreme(observed, simulated, mean, alternative);
        return new PermutationSummary(r, seed, alternative, m, (m + 1.0) / (r + 1.0), mean, sd, (observed - mean) / sd);
    }

    internal static int CountExtreme(double observed, ReadOnlySpan<double> simulated, double mean, PermutationAlternative alternative)
    {
        var m = 0;
        switch (alternative)
        {
            case PermutationAlternative.Folded:
                var distance = Math.Abs(observed - mean);
                foreach (var s in simulated) if (Math.Abs(s - mean) >= distance) m++;
                return m;
            case PermutationAlternative.Greater:
                foreach (var s in simulated) if (s >= observed) m++;
                return m;
            case PermutationAlternative.Less:
                foreach (var s in simulated) if (s <= observed) m++;
                return m;
            case PermutationAlternative.Directed:
                foreach (var s in simulated) if (s >= observed) m++;
                return Math.Min(m, simulated.Length - m);
            default:
                throw new ArgumentOutOfRangeException(nameof(alternative));
        }
    }
}
