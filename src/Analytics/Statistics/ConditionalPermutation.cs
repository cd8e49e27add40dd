namespace DiaBan.Analytics.Statistics;

/// <summary>
/// Draws, R times, |N(i)| distinct values from the n−1 units other than i and returns
/// scale·Σ_k w_k·z[drawn_k] for each draw (the conditional-permutation reference distribution of a local statistic).
/// One instance per worker thread; the draws depend only on the random stream passed in.
/// </summary>
internal sealed class ConditionalPermutation(int n, int permutations)
{
    // Rejection sampling needs a linear duplicate check; above this many neighbours a partial Fisher–Yates (with an O(n) pool reset per unit) is cheaper.
    private const int RejectionLimit = 12;

    private readonly double[] _simulated = new double[permutations];
    private int[]? _pool;
    private int[] _drawn = new int[16];

    public ReadOnlySpan<double> Simulate(int unit, double[] z, ReadOnlySpan<double> weights, double scale, SeededRandom rng)
    {
        var k = weights.Length;
        if (_drawn.Length < k) _drawn = new int[k];
        if (k <= RejectionLimit)
        {
            for (var r = 0; r < _simulated.Length; r++)
            {
                double sum = 0;
                for (var s = 0; s < k; s++)
                {
                    int j;
                    do
                    {
                        j = rng.NextInt(n - 1);
                        if (j >= unit) j++;
                    }
                    while (AlreadyDrawn(j, s));
                    _drawn[s] = j;
                    sum += weights[s] * z[j];
                }
                _simulated[r] = scale * sum;
            }
        }
        else
        {
            // the pool starts as 0..n−1 without the unit for every unit, so each unit's draws depend only on its stream
            _pool ??= new int[n - 1];
            for (var j = 0; j < n - 1; j++) _pool[j] = j < unit ? j : j + 1;
            for (var r = 0; r < _simulated.Length; r++)
            {
                double sum = 0;
                for (var s = 0; s < k; s++)
                {
                    var pick = s + rng.NextInt(n - 1 - s);
                    (_pool[s], _pool[pick]) = (_pool[pick], _pool[s]);
                    sum += weights[s] * z[_pool[s]];
                }
                _simulated[r] = scale * sum;
            }
        }
        return _simulated;
    }

    private bool AlreadyDrawn(int j, int count)
    {
        for (var s = 0; s < count; s++)
        {
            if (_drawn[s] == j) return true;
        }
        return false;
    }
}
