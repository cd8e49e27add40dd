using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

internal enum UnitRole
{
    Ordinary,
    Quiet,
    Hotspot,
    Emerging,
    Fading,
}

/// <summary>Role and baseline activity of every pre-merger unit (indexed as <see cref="DemoBoundaries.PreMerger"/>).</summary>
internal sealed record ScenarioPlan(UnitRole[] Roles, double[] BaseFactor)
{
    public IReadOnlyList<int> Members(UnitRole role) => Enumerable.Range(0, Roles.Length).Where(i => Roles[i] == role).ToArray();
}

/// <summary>
/// Picks the storyline on whatever boundaries are given: the most populous wards are persistent hot spots; two
/// separate groups of adjacent rural communes become the emerging and the fading cluster; a quarter of the other
/// rural communes are quiet.
/// </summary>
internal static class ScenarioPlanner
{
    private const int HotspotCount = 3;
    private const int ClusterSize = 4;
    private const double QuietShare = 0.25;

    /// <param name="onRoute">Pre-merger unit codes on a key route: the clusters avoid them, so that route traffic
    /// does not blur their trends.</param>
    public static ScenarioPlan Plan(DemoBoundaries boundaries, IReadOnlySet<string> onRoute, Random random)
    {
        var units = boundaries.PreMerger;
        var neighbours = Adjacency.Build(units.Select(u => (Geometry)u.Geometry).ToArray(), boundaries.AdjacencyToleranceDegrees);
        var centres = units.Select(u => u.Geometry.InteriorPoint.Coordinate).ToArray();
        var roles = new UnitRole[units.Count];

        var urban = Enumerable.Range(0, units.Count).Where(i => units[i].Kind == DemoUnitKind.Phuong).ToArray();
        if (urban.Length < 2) urban = Enumerable.Range(0, units.Count).Where(i => units[i].Kind.IsUrban()).ToArray();
        if (urban.Length < 2) urban = Enumerable.Range(0, units.Count).ToArray();
        foreach (var i in urban.OrderByDescending(i => units[i].Population).ThenBy(i => i).Take(HotspotCount))
            roles[i] = UnitRole.Hotspot;

        bool NearHotspot(int i) => roles[i] == UnitRole.Hotspot || neighbours[i].Any(n => roles[n] == UnitRole.Hotspot);
        var rural = Enumerable.Range(0, units.Count)
            .Where(i => units[i].Kind == DemoUnitKind.Xa && !NearHotspot(i) && !onRoute.Contains(units[i].Code)).ToArray();
        bool Free(int i) => rural.Contains(i) && roles[i] == UnitRole.Ordinary;

        var emergingSeed = random.Pick(Seeds(rural, neighbours, Free));
        var emerging = Adjacency.GrowCluster(emergingSeed, ClusterSize, neighbours, centres, Free);
        foreach (var i in emerging) roles[i] = UnitRole.Emerging;

        bool FreeAndApart(int i) => Free(i) && neighbours[i].All(n => roles[n] != UnitRole.Emerging);
        // the fading cluster goes far from the emerging one so the two stories do not blur into each other
        var fadingSeed = random.Pick(Seeds(rural, neighbours, FreeAndApart)
            .OrderByDescending(i => centres[i].Distance(centres[emergingSeed])).ThenBy(i => i).Take(3).ToArray());
        var fading = Adjacency.GrowCluster(fadingSeed, ClusterSize, neighbours, centres, FreeAndApart);
        foreach (var i in fading) roles[i] = UnitRole.Fading;

        foreach (var i in rural.Where(i => roles[i] == UnitRole.Ordinary))
            if (random.Chance(QuietShare)) roles[i] = UnitRole.Quiet;

        var baseFactor = units.Select((u, i) => roles[i] switch
        {
            UnitRole.Quiet => 0.03,
            UnitRole.Emerging or UnitRole.Fading => 1.0,
            _ => u.Kind switch
            {
                DemoUnitKind.Phuong => 1.5,
                DemoUnitKind.ThiTran => 1.3,
                DemoUnitKind.DacKhu => 0.6,
                _ => Math.Exp(random.Normal(0, 0.35)),
            },
        }).ToArray();
        return new ScenarioPlan(roles, baseFactor);
    }

    // prefer seeds with room to grow a full cluster; fall back to any free unit on small maps
    private static int[] Seeds(int[] rural, IReadOnlyList<int>[] neighbours, Func<int, bool> free)
    {
        var roomy = rural.Where(i => free(i) && neighbours[i].Count(free) >= ClusterSize - 1).ToArray();
        if (roomy.Length > 0) return roomy;
        var any = rural.Where(free).ToArray();
        return any.Length > 0 ? any : throw new InvalidOperationException("too few rural communes to place the demo clusters");
    }
}
