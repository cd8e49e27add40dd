using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>
/// A piece of the map that belongs to one old and one new unit (an old unit, or the part of a split old unit that went
/// to one new unit). Incidents are drawn inside cells, so each lies in both of its units.
/// </summary>
internal sealed record Cell(int Index, DemoUnit Old, DemoUnit New, Geometry Geometry, double PopulationShare);

/// <summary>Boundaries of both eras in lon/lat, the lineage between them and the cells, whichever mode built them.</summary>
internal sealed record DemoBoundaries(
    string ProvinceCode,
    string ProvinceName,
    MultiPolygon Province,
    IReadOnlyList<DemoUnit> PreMerger,
    IReadOnlyList<DemoUnit> PostMerger,
    IReadOnlyList<DemoLineage> Lineage,
    IReadOnlyList<Cell> Cells,
    Coordinate CityCentre,
    double AdjacencyToleranceDegrees,
    IReadOnlyList<string> Notes);

/// <summary>Resident population over the years: a base (2019) figure grown at a rate set by the unit's kind.</summary>
internal static class PopulationModel
{
    public const int BaseYear = 2019;

    public static double GrowthRate(DemoUnitKind kind) => kind switch
    {
        DemoUnitKind.Phuong => 0.015,
        DemoUnitKind.ThiTran => 0.010,
        DemoUnitKind.DacKhu => 0.008,
        _ => 0.003,
    };

    public static double InYear(DemoUnit preMergerUnit, int year) =>
        preMergerUnit.Population * Math.Pow(1 + GrowthRate(preMergerUnit.Kind), year - BaseYear);

    /// <summary>A post-merger unit's population: its components' populations times their population shares.</summary>
    public static double InYear(IEnumerable<(DemoUnit Old, double Share)> components, int year) =>
        components.Sum(c => c.Share * InYear(c.Old, year));
}
