using DiaBan.Geo.Data;

namespace DiaBan.Geo.Import;

/// <summary>How to read a boundary file (provinces, districts or communes): which attribute holds what, the validity interval, the CRS (when the file does not say).</summary>
public sealed record BoundaryImportOptions
{
    public required UnitLevel Level { get; init; }
    public required DateOnly ValidFrom { get; init; }
    /// <summary>Exclusive; null = still valid.</summary>
    public DateOnly? ValidTo { get; init; }
    public required string CodeField { get; init; }
    public required string NameField { get; init; }
    /// <summary>Used when CodeField is empty (e.g. the basemap's own id for the 2 old Cà Mau communes without a GSO code).</summary>
    public string? CodeFallbackField { get; init; }
    /// <summary>The province code (districts and communes).</summary>
    public string? ParentCodeField { get; init; }
    /// <summary>
    /// Communes only: the attribute holding the code of the commune's district, imported before with
    /// <see cref="UnitLevel.District"/> and valid on <see cref="ValidFrom"/>. Without it, communes valid before
    /// 2025-07-01 are linked to the district that covers their point on surface (<see cref="DistrictLinks"/>).
    /// </summary>
    public string? DistrictCodeField { get; init; }
    public string? PopulationField { get; init; }
    /// <summary>Attribute holding xa|phuong|thi_tran|dac_khu|tinh|thanh_pho; when absent the kind is read from the name.</summary>
    public string? KindField { get; init; }
    /// <summary>Overrides the file's CRS (required for a Shapefile without .prj).</summary>
    public int? Epsg { get; init; }
    /// <summary>Only features whose attribute WhereField equals WhereValue (compared as text) are imported; the others are skipped.</summary>
    public string? WhereField { get; init; }
    public string? WhereValue { get; init; }
    /// <summary>Close the existing units of the level that the new ones overlap at ValidFrom instead of refusing (BoundaryOverlap).</summary>
    public bool Supersede { get; init; }
}
