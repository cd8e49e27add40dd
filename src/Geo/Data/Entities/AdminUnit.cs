using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Data;

/// <summary>A province, district (pre-2025 only) or commune as it was during [ValidFrom, ValidTo); a merger creates new rows, never edits old ones.</summary>
public class AdminUnit
{
    public int Id { get; set; }
    /// <summary>Official GSO code (5 digits for communes, 2 for provinces).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public UnitLevel Level { get; set; }
    public UnitKind Kind { get; set; }
    /// <summary>The province of a district or commune (for communes always the province, also before 2025: area scopes and province figures rely on it).</summary>
    public int? ParentId { get; set; }
    public AdminUnit? Parent { get; set; }
    /// <summary>The district of a pre-2025 commune (null for provinces, districts and post-2025 communes: the 2025 reform abolished districts).</summary>
    public int? DistrictId { get; set; }
    public AdminUnit? District { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>Exclusive end of validity; null = still valid.</summary>
    public DateOnly? ValidTo { get; set; }
    public int? Population { get; set; }
    /// <summary>Area computed from the geometry on the spheroid (source files' own areas are unreliable).</summary>
    public double? AreaKm2 { get; set; }
    public MultiPolygon Geom { get; set; } = null!;

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day < ValidTo);
}
