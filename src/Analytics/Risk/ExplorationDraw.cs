namespace DiaBan.Analytics.Risk;

/// <summary>
/// The exploration share of a patrol list, for any kind of place (communes on the patrol page, grid cells on the patrol
/// sheet): (1 − ε) of the slots go to the best-ranked places, ε are drawn from the rest by seeded weighted sampling
/// without replacement (Efraimidis &amp; Spirakis 2006, key ln(u)/w, the largest keys win).
/// </summary>
public static class ExplorationDraw
{
    /// <summary>Slots used (at most the places available), and how many of them explore.</summary>
    public static (int Slots, int Exploit, int Explore) Split(int places, int capacity, double explorationShare)
    {
        if (explorationShare is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(explorationShare), "ε must lie in [0, 1].");
        int slots = Math.Min(Math.Max(0, capacity), places);
        int explore = Math.Min(slots, (int)Math.Round(explorationShare * slots, MidpointRounding.AwayFromZero));
        return (slots, slots - explore, explore);
    }

    /// <summary>
    /// Draws <paramref name="count"/> of the ranked positions <paramref name="from"/>…end (0-based, best first) with
    /// probability growing with <paramref name="weight"/>(position); returns the positions in draw order.
    /// </summary>
    public static IReadOnlyList<int> Draw(int from, int places, int count, int seed, Func<int, double> weight)
    {
        var random = new Random(seed);
        return Enumerable.Range(from, Math.Max(0, places - from))
            .Select(p => (Position: p, Key: Math.Log(1 - random.NextDouble()) / weight(p)))
            .OrderByDescending(p => p.Key).ThenBy(p => p.Position)
            .Take(count).Select(p => p.Position).ToArray();
    }

    /// <summary>Floor + uncertainty relative to the most uncertain candidate + time unvisited up to a saturation.</summary>
    public static double Weight(double sd, double maxSd, int periodsUnvisited, int saturation) =>
        0.05 + (maxSd > 0 ? sd / maxSd : 0) + Math.Min(periodsUnvisited, saturation) / (double)saturation;
}
