using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Statistics;

/// <summary>Raised when the weights have units without neighbours and their island policy is <see cref="IslandPolicy.Reject"/>.</summary>
public sealed class IslandsException(IReadOnlyList<int> islands) : InvalidOperationException(
    $"{islands.Count} đơn vị không có láng giềng (chỉ số {string.Join(", ", islands.Take(10))}{(islands.Count > 10 ? ", …" : "")}); " +
    "hãy chọn IslandPolicy.ZeroLag hoặc IslandPolicy.Exclude, hoặc dùng trọng số k láng giềng gần nhất. " +
    $"{islands.Count} unit(s) have no neighbours: choose an island policy (ZeroLag or Exclude) or k-nearest weights.")
{
    public IReadOnlyList<int> Islands { get; } = islands;
}

/// <summary>
/// The units a statistic runs on after the island policy: all of them (no islands, or ZeroLag) or the non-islands
/// re-indexed (Exclude). <see cref="Expand"/> maps per-unit results back, NaN for excluded units.
/// </summary>
internal sealed class AnalysisScope
{
    private AnalysisScope(double[] values, SpatialWeights weights, int[] originalIndex, int originalCount)
    {
        Values = values;
        Weights = weights;
        OriginalIndex = originalIndex;
        OriginalCount = originalCount;
    }

    public double[] Values { get; }

    public SpatialWeights Weights { get; }

    /// <summary>Original index of each analysed unit.</summary>
    public int[] OriginalIndex { get; }

    public int OriginalCount { get; }

    public int Count => Values.Length;

    public static AnalysisScope Create(IReadOnlyList<double> values, SpatialWeights weights)
    {
        if (values.Count != weights.Count) throw new ArgumentException($"Got {values.Count} values for {weights.Count} units.", nameof(values));
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Value {i} is not a finite number.", nameof(values));
        }
        var all = values.ToArray();
        var identity = Enumerable.Range(0, all.Length).ToArray();
        if (weights.Islands.Count == 0 || weights.IslandPolicy == IslandPolicy.ZeroLag) return new AnalysisScope(all, weights, identity, all.Length);
        if (weights.IslandPolicy == IslandPolicy.Reject) throw new IslandsException(weights.Islands);
        var keep = new bool[all.Length];
        Array.Fill(keep, true);
        foreach (var island in weights.Islands) keep[island] = false;
        var kept = identity.Where(i => keep[i]).ToArray();
        return new AnalysisScope(kept.Select(i => all[i]).ToArray(), weights.Subset(keep), kept, all.Length);
    }

    /// <summary>Per-unit results in original order; units outside the scope get <paramref name="missing"/>.</summary>
    public T[] Expand<T>(IReadOnlyList<T> scoped, Func<int, T> missing)
    {
        var result = new T[OriginalCount];
        var filled = new bool[OriginalCount];
        for (var k = 0; k < scoped.Count; k++)
        {
            result[OriginalIndex[k]] = scoped[k];
            filled[OriginalIndex[k]] = true;
        }
        for (var i = 0; i < OriginalCount; i++)
        {
            if (!filled[i]) result[i] = missing(i);
        }
        return result;
    }
}
