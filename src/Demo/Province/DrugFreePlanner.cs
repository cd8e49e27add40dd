using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>
/// The province's drug-free programme: a growing set of new (post-merger) communes, rural, off the key routes and away
/// from the storyline's units, where activity and the stock of managed users fall to almost nothing from a given year
/// (a few relapse by chance). Sized so that no-drug-vice communes are about a tenth in 2023 (Lâm Đồng 2022: 12.7 %) and
/// drug-free communes reach the 20 % target of 2025 and come near the 30 % of 2026 (An Giang 27/102, Nghệ An 32/130).
/// </summary>
internal static class DrugFreePlanner
{
    // first clean year of each programme commune, in the order they are drawn
    private static readonly int[] Schedule = [2021, 2021, 2024, 2024, 2025, 2025, 2025, 2025, 2026, 2026];

    /// <summary>Post-merger unit code → first calendar year of the programme in its cells; the other candidates are
    /// calm (people on the records, hardly any incident: "has drugs" but no key area).</summary>
    public static (IReadOnlyDictionary<string, int> DrugFreeFrom, IReadOnlySet<string> Calm) Plan(DemoBoundaries boundaries, ScenarioPlan scenario,
        IReadOnlyList<(DemoRoute Route, LineString Metres)> routes, LocalMetricFrame frame, Random random)
    {
        var role = boundaries.PreMerger.Select((u, i) => (u.Code, Role: scenario.Roles[i], u.Kind))
            .ToDictionary(x => x.Code, x => (x.Role, x.Kind), StringComparer.Ordinal);
        var components = boundaries.Lineage.ToLookup(l => l.NewCode, l => l.OldCode, StringComparer.Ordinal);
        var rural = boundaries.PostMerger
            .Where(u => u.Kind == DemoUnitKind.Xa && components[u.Code].All(c => role[c] is (UnitRole.Ordinary or UnitRole.Quiet, not DemoUnitKind.Phuong)))
            .Select(u => u.Code).Order(StringComparer.Ordinal).ToList();
        random.ShuffleInPlace(rural);
        var onRoute = boundaries.PostMerger.Where(u => RoutePlanner.Touches(u, routes, frame)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var drugFree = rural.Where(c => !onRoute.Contains(c)).Take(Schedule.Length).Select((code, n) => (code, Schedule[n]))
            .ToDictionary(x => x.code, x => x.Item2, StringComparer.Ordinal);
        // the route communes stay busy with the traffic (route incidents are not damped)
        return (drugFree, rural.Where(c => !drugFree.ContainsKey(c)).ToHashSet(StringComparer.Ordinal));
    }
}
