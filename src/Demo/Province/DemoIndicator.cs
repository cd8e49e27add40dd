namespace DiaBan.Demo.Province;

/// <summary>
/// Yearly figures of one unit over [PeriodFrom, PeriodTo). The incident-derived fields are exact sums over the
/// incidents inside the unit in the period; population and managed users are simulated alongside.
/// </summary>
public sealed record DemoIndicator
{
    /// <summary>The fields computed from incidents (the rest are simulated); column names as in unit_indicator.</summary>
    public static IReadOnlyList<string> FieldsDerivedFromIncidents { get; } =
        ["harbouring_places", "offenders_arrested", "plants_destroyed_count", "plants_destroyed_m2", "hotspots"];

    public required string UnitCode { get; init; }
    /// <summary>Whether <see cref="UnitCode"/> names a pre-merger unit (real codes can be reused after the merger).</summary>
    public required bool PreMergerUnit { get; init; }
    public required int Year { get; init; }
    public required DateOnly PeriodFrom { get; init; }
    /// <summary>Exclusive end.</summary>
    public required DateOnly PeriodTo { get; init; }
    public required int PopulationResident { get; init; }
    /// <summary>Stock at the end of the period.</summary>
    public required int UsersAddictsManaged { get; init; }
    /// <summary>Harbouring places DISCOVERED in the period: distinct places of use_site incidents (<see cref="DemoPlaces"/>).</summary>
    public required int HarbouringPlaces { get; init; }
    /// <summary>Sum of persons over arrest incidents.</summary>
    public required int OffendersArrested { get; init; }
    public required int PlantsDestroyedCount { get; init; }
    public required double PlantsDestroyedM2 { get; init; }
    /// <summary>The unit's polygon comes within a route's buffer.</summary>
    public required bool OnKeyRoute { get; init; }
    /// <summary>Tụ điểm (3122 era): places where use or dealing recurred in the period (<see cref="DemoPlaces"/>).</summary>
    public required int Hotspots { get; init; }
}
