namespace DiaBan.Analytics.Statistics;

/// <summary>An event for the Knox test: a place in a metric CRS (metres) and a day.</summary>
public readonly record struct KnoxEvent(double X, double Y, DateOnly Date);

/// <summary>One cell of the Knox table: pairs closer than a distance band and a time band.</summary>
/// <param name="Observed">pairs with distance in (lower, upper] metres (the first band from 0 inclusive) and |Δdays| in (lower, upper] (the first band from 0 inclusive)</param>
/// <param name="Expected">S_i·T_j/P: the expected count when dates are unrelated to places (exact under date permutation)</param>
/// <param name="Ratio">Knox ratio Observed/Expected (null when Expected = 0)</param>
/// <param name="SimulatedMean">mean count over the permutations (Ratcliffe's Near Repeat Calculator divides by this)</param>
/// <param name="P">one-sided Monte Carlo p = (1 + #{sim ≥ observed}) / (R + 1)</param>
public sealed record KnoxCell(int DistanceBand, int TimeBand, long Observed, double Expected, double? Ratio, double SimulatedMean, double P);

/// <summary>The Knox table over distance bands × time bands, with the margins it was computed from.</summary>
public sealed record KnoxResult(
    IReadOnlyList<double> DistanceBandsM,
    IReadOnlyList<int> TimeBandsDays,
    IReadOnlyList<KnoxCell> Cells,
    long Pairs,
    IReadOnlyList<long> DistanceTotals,
    IReadOnlyList<long> TimeTotals,
    int Permutations,
    ulong Seed)
{
    public KnoxCell this[int distanceBand, int timeBand] => Cells[distanceBand * TimeBandsDays.Count + timeBand];

    /// <summary>
    /// The near-repeat extent: the largest distance and time band limits among cells with Knox ratio above
    /// <paramref name="minimumRatio"/> and p ≤ <paramref name="alpha"/>; null when no cell is elevated.
    /// </summary>
    public (double DistanceM, int Days)? ElevatedExtent(double alpha = 0.05, double minimumRatio = 1.2)
    {
        var elevated = Cells.Where(c => c.P <= alpha && c.Ratio > minimumRatio).ToArray();
        if (elevated.Length == 0) return null;
        return (DistanceBandsM[elevated.Max(c => c.DistanceBand)], TimeBandsDays[elevated.Max(c => c.TimeBand)]);
    }
}

/// <summary>
/// Knox (1964) test of space–time interaction, as in Ratcliffe's Near Repeat Calculator (2009) and Johnson &amp; Bowers
/// (2004): every unordered pair of events is put in a distance band (upper limits d₁ &lt; d₂ &lt; …, metres, the first band
/// [0, d₁], then (d₁, d₂] …, pairs beyond the last limit in no band) and a time band (|Δdays| in [0, t₁], (t₁, t₂] …).
/// Observed O_ij = pairs in distance band i and time band j. With S_i = pairs in distance band i (any time),
/// T_j = pairs in time band j (any distance) and P = n(n−1)/2 all pairs, the expected count when the dates are a random
/// permutation over the places is E_ij = S_i·T_j / P (each pair receives a uniformly random pair of the n dates), the
/// Knox ratio is O_ij/E_ij, and significance is by Monte Carlo: the dates are permuted R times (default 999, seeded
/// xoshiro256** streams, <see cref="SeededRandom"/>), O_ij recomputed, p = (1 + #{O_ij^sim ≥ O_ij}) / (R + 1).
/// Sources: Knox, E. G. (1964) The detection of space-time interactions, Applied Statistics 13:25–29; Johnson, S. D. &amp;
/// Bowers, K. J. (2004) The burglary as clue to the future, European Journal of Criminology 1(2):237–255; Ratcliffe,
/// J. H. (2009) Near Repeat Calculator v1.3, Temple University. Reference: tests/reference/knox_reference.R.
/// </summary>
public static class KnoxTest
{
    public const int DefaultPermutations = 999;

    public static KnoxResult Run(IReadOnlyList<KnoxEvent> events, IReadOnlyList<double> distanceBandsM, IReadOnlyList<int> timeBandsDays,
        int permutations = DefaultPermutations, ulong seed = 1)
    {
        Check(distanceBandsM.Count > 0 && distanceBandsM.All(d => d > 0 && double.IsFinite(d)), "distance bands must be positive metres");
        Check(distanceBandsM.Zip(distanceBandsM.Skip(1)).All(p => p.First < p.Second), "distance bands must increase");
        Check(timeBandsDays.Count > 0 && timeBandsDays.All(t => t >= 0), "time bands must be days ≥ 0");
        Check(timeBandsDays.Zip(timeBandsDays.Skip(1)).All(p => p.First < p.Second), "time bands must increase");
        Check(permutations >= 0, "permutations must be ≥ 0");
        Check(events.Count >= 2, "the Knox test needs at least two events");
        Check(events.All(e => double.IsFinite(e.X) && double.IsFinite(e.Y)), "event coordinates must be finite");

        int n = events.Count, nd = distanceBandsM.Count, nt = timeBandsDays.Count;
        var day = events.Select(e => e.Date.DayNumber).ToArray();
        var close = ClosePairs(events, distanceBandsM);
        long pairs = (long)n * (n - 1) / 2;

        var distanceTotals = new long[nd];
        foreach (var (_, _, band) in close) distanceTotals[band]++;
        var timeTotals = TimeTotals(day, timeBandsDays);

        var observed = Count(close, day, timeBandsDays, nd, nt);
        var atLeast = new long[nd * nt];
        var simulatedSum = new double[nd * nt];
        // Each permutation draws from its own stream, so a result depends only on (seed, R), not on threads.
        var partial = new object();
        Parallel.For(0, permutations, () => (Ge: new long[nd * nt], Sum: new double[nd * nt], Perm: new int[n]),
            (r, _, local) =>
            {
                var rng = SeededRandom.ForStream(seed, r);
                var perm = local.Perm;
                for (int i = 0; i < n; i++) perm[i] = day[i];
                for (int i = n - 1; i > 0; i--)
                {
                    int j = rng.NextInt(i + 1);
                    (perm[i], perm[j]) = (perm[j], perm[i]);
                }
                var sim = Count(close, perm, timeBandsDays, nd, nt);
                for (int k = 0; k < sim.Length; k++)
                {
                    local.Sum[k] += sim[k];
                    if (sim[k] >= observed[k]) local.Ge[k]++;
                }
                return local;
            },
            local =>
            {
                lock (partial)
                    for (int k = 0; k < atLeast.Length; k++)
                    {
                        atLeast[k] += local.Ge[k];
                        simulatedSum[k] += local.Sum[k];
                    }
            });

        var cells = new KnoxCell[nd * nt];
        for (int i = 0; i < nd; i++)
            for (int j = 0; j < nt; j++)
            {
                int k = i * nt + j;
                double expected = (double)distanceTotals[i] * timeTotals[j] / pairs;
                cells[k] = new KnoxCell(i, j, observed[k], expected, expected > 0 ? observed[k] / expected : null,
                    permutations > 0 ? simulatedSum[k] / permutations : expected,
                    (1.0 + atLeast[k]) / (permutations + 1.0));
            }
        return new KnoxResult(distanceBandsM.ToArray(), timeBandsDays.ToArray(), cells, pairs, distanceTotals, timeTotals, permutations, seed);
    }

    private static void Check(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }

    /// <summary>Band of a value: the first upper limit it does not exceed, or −1 beyond the last.</summary>
    private static int Band(IReadOnlyList<double> limits, double v)
    {
        for (int b = 0; b < limits.Count; b++)
            if (v <= limits[b]) return b;
        return -1;
    }

    private static int Band(IReadOnlyList<int> limits, int v)
    {
        for (int b = 0; b < limits.Count; b++)
            if (v <= limits[b]) return b;
        return -1;
    }

    // Pairs within the last distance limit, found through square bins of that size (only the 3×3 bins around each point).
    private static List<(int A, int B, int Band)> ClosePairs(IReadOnlyList<KnoxEvent> events, IReadOnlyList<double> limits)
    {
        double h = limits[^1];
        var bins = new Dictionary<(long, long), List<int>>();
        for (int i = 0; i < events.Count; i++)
        {
            var key = ((long)Math.Floor(events[i].X / h), (long)Math.Floor(events[i].Y / h));
            if (!bins.TryGetValue(key, out var list)) bins[key] = list = [];
            list.Add(i);
        }
        var result = new List<(int, int, int)>();
        for (int a = 0; a < events.Count; a++)
        {
            long bx = (long)Math.Floor(events[a].X / h), by = (long)Math.Floor(events[a].Y / h);
            for (long dx = -1; dx <= 1; dx++)
                for (long dy = -1; dy <= 1; dy++)
                {
                    if (!bins.TryGetValue((bx + dx, by + dy), out var list)) continue;
                    foreach (var b in list)
                    {
                        if (b <= a) continue;
                        double ex = events[a].X - events[b].X, ey = events[a].Y - events[b].Y;
                        int band = Band(limits, Math.Sqrt(ex * ex + ey * ey));
                        if (band >= 0) result.Add((a, b, band));
                    }
                }
        }
        return result;
    }

    // T_j over all n(n−1)/2 pairs from the histogram of days: pairs with |Δ| = 0 are Σ c(c−1)/2, with |Δ| = k are Σ c_d·c_{d+k}.
    private static long[] TimeTotals(int[] day, IReadOnlyList<int> limits)
    {
        int min = day.Min(), span = day.Max() - min;
        var c = new long[span + 1];
        foreach (var d in day) c[d - min]++;
        var totals = new long[limits.Count];
        int maxLag = Math.Min(limits[^1], span);
        for (int lag = 0; lag <= maxLag; lag++)
        {
            int band = Band(limits, lag);
            if (band < 0) continue;
            long sum = 0;
            if (lag == 0)
                foreach (var v in c) sum += v * (v - 1) / 2;
            else
                for (int d = 0; d + lag <= span; d++) sum += c[d] * c[d + lag];
            totals[band] += sum;
        }
        return totals;
    }

    private static long[] Count(List<(int A, int B, int Band)> close, int[] day, IReadOnlyList<int> timeLimits, int nd, int nt)
    {
        var counts = new long[nd * nt];
        foreach (var (a, b, band) in close)
        {
            int t = Band(timeLimits, Math.Abs(day[a] - day[b]));
            if (t >= 0) counts[band * nt + t]++;
        }
        return counts;
    }
}
