using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>Everything the demo seeder stores: boundaries of both eras, the merger, routes, incidents, businesses, figures.</summary>
public sealed record DemoProvince
{
    public required string ProvinceCode { get; init; }
    /// <summary>Vietnamese name; synthetic provinces say they are a simulation.</summary>
    public required string ProvinceName { get; init; }
    public required MultiPolygon ProvinceBoundary { get; init; }
    public required IReadOnlyList<DemoUnit> PreMergerUnits { get; init; }
    public required IReadOnlyList<DemoUnit> PostMergerUnits { get; init; }
    public required IReadOnlyList<DemoLineage> Lineage { get; init; }
    public required IReadOnlyList<DemoRoute> Routes { get; init; }
    /// <summary>Ordered by date, then id.</summary>
    public required IReadOnlyList<DemoIncident> Incidents { get; init; }
    public required IReadOnlyList<DemoBusiness> Businesses { get; init; }
    /// <summary>Per unit and period, see <see cref="DemoCalendar"/> for how 2025 is split.</summary>
    public required IReadOnlyList<DemoIndicator> Indicators { get; init; }
    public required DemoScenario Scenario { get; init; }
    /// <summary>Decisions taken while generating (e.g. units left out, lineage derived from geometry).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    public required int Seed { get; init; }
}

/// <summary>The answer key: which pre-merger units the simulation made hot, emerging and fading.</summary>
public sealed record DemoScenario
{
    /// <summary>Urban units high every year.</summary>
    public required IReadOnlyList<string> PersistentHotspotCodes { get; init; }
    /// <summary>Adjacent units near zero until 2023, rising every quarter from 2024.</summary>
    public required IReadOnlyList<string> EmergingClusterCodes { get; init; }
    /// <summary>Adjacent units high in 2019–2021, near zero from 2024.</summary>
    public required IReadOnlyList<string> FadingClusterCodes { get; init; }
    /// <summary>Units with almost no drug activity (candidates for drug-free status).</summary>
    public required IReadOnlyList<string> QuietCodes { get; init; }
    public required Point CityCentre { get; init; }
    public required string Description { get; init; }
}
