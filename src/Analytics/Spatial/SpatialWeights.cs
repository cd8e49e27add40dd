namespace DiaBan.Analytics.Spatial;

/// <summary>How the weights of a row were produced (spdep's listw "style").</summary>
public enum WeightsStyle
{
    /// <summary>1 for every neighbour (spdep "B").</summary>
    Binary,
    /// <summary>Binary weights divided by the row's neighbour count, rows sum to 1 (spdep "W").</summary>
    RowStandardised,
    /// <summary>Any other non-negative weights (inverse distance, from a file, a row-standardised general matrix).</summary>
    General,
}

/// <summary>What statistics do with units that have no neighbours (islands).</summary>
public enum IslandPolicy
{
    /// <summary>Refuse to compute (spdep zero.policy = FALSE): the caller must choose.</summary>
    Reject,
    /// <summary>Keep islands in n with a spatial lag of 0 (spdep zero.policy = TRUE, adjust.n = FALSE).</summary>
    ZeroLag,
    /// <summary>Drop islands from the analysis (n shrinks); their per-unit results are NaN.</summary>
    Exclude,
}

/// <summary>
/// Immutable sparse spatial weights: for each unit its neighbour indices (ascending) and their weights.
/// Built by <see cref="ContiguityBuilder"/>, <see cref="KNearest"/>, <see cref="DistanceBand"/> or <see cref="GalFile"/>.
/// </summary>
public sealed class SpatialWeights
{
    private readonly int[][] _neighbours;
    private readonly double[][] _weights;
    private WeightsConstants? _constants;

    private SpatialWeights(int[][] neighbours, double[][] weights, WeightsStyle style, bool includesSelf, IslandPolicy islandPolicy)
    {
        _neighbours = neighbours;
        _weights = weights;
        Style = style;
        IncludesSelf = includesSelf;
        IslandPolicy = islandPolicy;
        var islands = new List<int>();
        for (var i = 0; i < neighbours.Length; i++)
        {
            if (OtherNeighbourCount(i) == 0) islands.Add(i);
        }
        Islands = islands;
    }

    /// <summary>Number of units.</summary>
    public int Count => _neighbours.Length;

    public WeightsStyle Style { get; }

    /// <summary>True when every unit is its own neighbour (w_ii &gt; 0), as Gi* requires.</summary>
    public bool IncludesSelf { get; }

    public IslandPolicy IslandPolicy { get; }

    /// <summary>Units without any neighbour other than themselves.</summary>
    public IReadOnlyList<int> Islands { get; }

    public ReadOnlySpan<int> Neighbours(int unit) => _neighbours[unit];

    public ReadOnlySpan<double> Weights(int unit) => _weights[unit];

    /// <summary>Number of neighbours of a unit (self counted when included).</summary>
    public int Cardinality(int unit) => _neighbours[unit].Length;

    /// <summary>W_i = Σ_j w_ij.</summary>
    public double RowSum(int unit)
    {
        var sum = 0.0;
        foreach (var w in _weights[unit]) sum += w;
        return sum;
    }

    /// <summary>W_i(2) = Σ_j w_ij².</summary>
    public double RowSumOfSquares(int unit)
    {
        var sum = 0.0;
        foreach (var w in _weights[unit]) sum += w * w;
        return sum;
    }

    /// <summary>S0, S1, S2 of the weights (ANALYTICS.md notation), computed once.</summary>
    public WeightsConstants Constants => _constants ??= WeightsConstants.Of(this);

    /// <summary>Total number of links (non-zero entries).</summary>
    public long LinkCount
    {
        get
        {
            long total = 0;
            foreach (var row in _neighbours) total += row.Length;
            return total;
        }
    }

    /// <summary>Weight w_ij, 0 when j is not a neighbour of i.</summary>
    public double Weight(int i, int j)
    {
        var position = Array.BinarySearch(_neighbours[i], j);
        return position >= 0 ? _weights[i][position] : 0.0;
    }

    /// <summary>True when w_ij = w_ji for every pair (contiguity, distance band; k-nearest usually not).</summary>
    public bool IsSymmetric()
    {
        for (var i = 0; i < Count; i++)
        {
            var row = _neighbours[i];
            for (var k = 0; k < row.Length; k++)
            {
                if (Weight(row[k], i) != _weights[i][k]) return false;
            }
        }
        return true;
    }

    /// <summary>Spatial lag Σ_j w_ij x_j for every unit (0 for islands).</summary>
    public double[] Lag(IReadOnlyList<double> values)
    {
        if (values.Count != Count) throw new ArgumentException($"Expected {Count} values, got {values.Count}.", nameof(values));
        var lag = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            var row = _neighbours[i];
            var w = _weights[i];
            var sum = 0.0;
            for (var k = 0; k < row.Length; k++) sum += w[k] * values[row[k]];
            lag[i] = sum;
        }
        return lag;
    }

    /// <summary>Binary weights on neighbour lists (no self-links), from 0-based indices; lists are sorted and checked.</summary>
    public static SpatialWeights FromNeighbours(IReadOnlyList<IReadOnlyList<int>> neighbours, IslandPolicy islandPolicy = IslandPolicy.Reject)
    {
        var n = neighbours.Count;
        var lists = new int[n][];
        var weights = new double[n][];
        for (var i = 0; i < n; i++)
        {
            lists[i] = CheckedRow(neighbours[i], i, n, allowSelf: false);
            weights[i] = Filled(lists[i].Length, 1.0);
        }
        return new SpatialWeights(lists, weights, WeightsStyle.Binary, includesSelf: false, islandPolicy);
    }

    /// <summary>General weights: neighbour indices with their (non-negative) weights; no self-links.</summary>
    public static SpatialWeights FromWeights(IReadOnlyList<IReadOnlyList<int>> neighbours, IReadOnlyList<IReadOnlyList<double>> weights, IslandPolicy islandPolicy = IslandPolicy.Reject)
    {
        var n = neighbours.Count;
        if (weights.Count != n) throw new ArgumentException("One weight row per unit is required.", nameof(weights));
        var lists = new int[n][];
        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            if (weights[i].Count != neighbours[i].Count) throw new ArgumentException($"Unit {i}: {neighbours[i].Count} neighbours but {weights[i].Count} weights.", nameof(weights));
            var order = Enumerable.Range(0, neighbours[i].Count).OrderBy(k => neighbours[i][k]).ToArray();
            lists[i] = CheckedRow(order.Select(k => neighbours[i][k]).ToArray(), i, n, allowSelf: false);
            rows[i] = order.Select(k => weights[i][k]).ToArray();
            foreach (var w in rows[i])
            {
                if (!(w >= 0) || double.IsInfinity(w)) throw new ArgumentException($"Unit {i}: weights must be finite and non-negative.", nameof(weights));
            }
        }
        return new SpatialWeights(lists, rows, WeightsStyle.General, includesSelf: false, islandPolicy);
    }

    /// <summary>Same links, every weight 1 (self-link kept if present).</summary>
    public SpatialWeights ToBinary()
    {
        var rows = _neighbours.Select(r => Filled(r.Length, 1.0)).ToArray();
        return new SpatialWeights(_neighbours, rows, WeightsStyle.Binary, IncludesSelf, IslandPolicy);
    }

    /// <summary>Row-standardised ("W"): w_ij / W_i, so each row sums to 1; islands keep an empty row.</summary>
    public SpatialWeights ToRowStandardised()
    {
        var rows = new double[Count][];
        for (var i = 0; i < Count; i++)
        {
            var sum = RowSum(i);
            rows[i] = sum > 0 ? _weights[i].Select(w => w / sum).ToArray() : [];
        }
        var style = Style is WeightsStyle.Binary or WeightsStyle.RowStandardised ? WeightsStyle.RowStandardised : WeightsStyle.General;
        return new SpatialWeights(_neighbours, rows, style, IncludesSelf, IslandPolicy);
    }

    /// <summary>
    /// Adds every unit as its own neighbour, as Gi* needs (spdep include.self). Binary: w_ii = 1;
    /// row-standardised: re-standardised over k+1 links (1/(k+1)); general: w_ii = <paramref name="selfWeight"/>.
    /// </summary>
    public SpatialWeights WithSelf(double selfWeight = 1.0)
    {
        if (IncludesSelf) return this;
        if (!(selfWeight > 0) || double.IsInfinity(selfWeight)) throw new ArgumentOutOfRangeException(nameof(selfWeight), "Self weight must be positive.");
        var lists = new int[Count][];
        var rows = new double[Count][];
        for (var i = 0; i < Count; i++)
        {
            var row = _neighbours[i];
            var at = ~Array.BinarySearch(row, i);
            lists[i] = [.. row[..at], i, .. row[at..]];
            rows[i] = Style switch
            {
                WeightsStyle.Binary => Filled(row.Length + 1, 1.0),
                WeightsStyle.RowStandardised => Filled(row.Length + 1, 1.0 / (row.Length + 1)),
                _ => [.. _weights[i][..at], selfWeight, .. _weights[i][at..]],
            };
        }
        return new SpatialWeights(lists, rows, Style, includesSelf: true, IslandPolicy);
    }

    /// <summary>Removes self-links (the inverse of <see cref="WithSelf"/>; row-standardised rows are re-standardised).</summary>
    public SpatialWeights WithoutSelf()
    {
        if (!IncludesSelf) return this;
        var lists = new int[Count][];
        var rows = new double[Count][];
        for (var i = 0; i < Count; i++)
        {
            var at = Array.BinarySearch(_neighbours[i], i);
            lists[i] = [.. _neighbours[i][..at], .. _neighbours[i][(at + 1)..]];
            rows[i] = Style switch
            {
                WeightsStyle.Binary => Filled(lists[i].Length, 1.0),
                WeightsStyle.RowStandardised => Filled(lists[i].Length, lists[i].Length == 0 ? 0 : 1.0 / lists[i].Length),
                _ => [.. _weights[i][..at], .. _weights[i][(at + 1)..]],
            };
        }
        return new SpatialWeights(lists, rows, Style, includesSelf: false, IslandPolicy);
    }

    /// <summary>Same weights with another island policy.</summary>
    public SpatialWeights WithIslandPolicy(IslandPolicy policy) =>
        policy == IslandPolicy ? this : new SpatialWeights(_neighbours, _weights, Style, IncludesSelf, policy);

    /// <summary>
    /// The weights restricted to the kept units, re-indexed 0..m-1 in the original order (links to dropped units vanish;
    /// row-standardised rows are re-standardised over the remaining links).
    /// </summary>
    public SpatialWeights Subset(IReadOnlyList<bool> keep)
    {
        if (keep.Count != Count) throw new ArgumentException($"Expected {Count} flags.", nameof(keep));
        var newIndex = new int[Count];
        var m = 0;
        for (var i = 0; i < Count; i++) newIndex[i] = keep[i] ? m++ : -1;
        var lists = new int[m][];
        var rows = new double[m][];
        for (var i = 0; i < Count; i++)
        {
            if (!keep[i]) continue;
            var row = _neighbours[i];
            var kept = Enumerable.Range(0, row.Length).Where(k => keep[row[k]]).ToArray();
            lists[newIndex[i]] = kept.Select(k => newIndex[row[k]]).ToArray();
            rows[newIndex[i]] = Style == WeightsStyle.RowStandardised
                ? Filled(kept.Length, kept.Length == 0 ? 0 : 1.0 / kept.Length)
                : kept.Select(k => _weights[i][k]).ToArray();
        }
        return new SpatialWeights(lists, rows, Style, IncludesSelf, IslandPolicy);
    }

    /// <summary>Neighbour lists as plain arrays (copies), e.g. for export.</summary>
    public int[][] NeighbourLists() => _neighbours.Select(r => r.ToArray()).ToArray();

    private int OtherNeighbourCount(int unit)
    {
        var row = _neighbours[unit];
        return IncludesSelf ? row.Length - 1 : row.Length;
    }

    private static int[] CheckedRow(IReadOnlyList<int> row, int unit, int n, bool allowSelf)
    {
        var sorted = row.ToArray();
        Array.Sort(sorted);
        for (var k = 0; k < sorted.Length; k++)
        {
            if (sorted[k] < 0 || sorted[k] >= n) throw new ArgumentException($"Unit {unit}: neighbour index {sorted[k]} is outside 0..{n - 1}.");
            if (!allowSelf && sorted[k] == unit) throw new ArgumentException($"Unit {unit} lists itself; use WithSelf() for Gi*.");
            if (k > 0 && sorted[k] == sorted[k - 1]) throw new ArgumentException($"Unit {unit}: neighbour {sorted[k]} listed twice.");
        }
        return sorted;
    }

    private static double[] Filled(int length, double value)
    {
        var row = new double[length];
        Array.Fill(row, value);
        return row;
    }
}
