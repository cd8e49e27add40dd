using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>
/// Real boundaries to lay the simulation over instead of the synthetic Voronoi tiling (WGS 84 lon/lat). Only
/// post-merger units that receive at least one of the given pre-merger units are used.
/// </summary>
public sealed record DemoBoundaryInput
{
    public required string ProvinceCode { get; init; }
    public required string ProvinceName { get; init; }
    public required IReadOnlyList<DemoInputPreMergerUnit> PreMergerUnits { get; init; }
    public required IReadOnlyList<DemoInputPostMergerUnit> PostMergerUnits { get; init; }
    /// <summary>Old code → new code rows; pre-merger units without a row get lineage from geometry.</summary>
    public required IReadOnlyList<DemoCrosswalkRow> Crosswalk { get; init; }
    /// <summary>The pre-2025 districts of the province when the data has them (valid until the 2025 reform); empty otherwise.</summary>
    public IReadOnlyList<DemoInputDistrict> Districts { get; init; } = [];
}

/// <summary>A pre-2025 district: code, full name with prefix ("Huyện …", "Quận …"), population, geometry.</summary>
public sealed record DemoInputDistrict(string Code, string Name, int Population, Geometry Geometry);

/// <summary>A pre-merger unit: code, full name with prefix (the kind is read from it), population, geometry, and the code of its district when the data says it.</summary>
public sealed record DemoInputPreMergerUnit(string Code, string Name, int Population, Geometry Geometry, string? DistrictCode = null);

/// <summary>A post-merger unit: code, full name with prefix, geometry.</summary>
public sealed record DemoInputPostMergerUnit(string Code, string Name, Geometry Geometry);

public sealed record DemoCrosswalkRow(string OldCode, string NewCode, LineageKind Kind);
