using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>Kind of commune-level unit; before 1/7/2025 xã, phường, thị trấn; from then xã, phường, đặc khu.</summary>
public enum DemoUnitKind
{
    Xa,
    Phuong,
    ThiTran,
    DacKhu,
}

public static class DemoUnitKindInfo
{
    /// <summary>The word that starts the unit's full name ("Xã Tân Phú").</summary>
    public static string VietnamesePrefix(this DemoUnitKind kind) => kind switch
    {
        DemoUnitKind.Xa => "Xã",
        DemoUnitKind.Phuong => "Phường",
        DemoUnitKind.ThiTran => "Thị trấn",
        DemoUnitKind.DacKhu => "Đặc khu",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Stable code for storage: xa, phuong, thi_tran, dac_khu.</summary>
    public static string Code(this DemoUnitKind kind) => kind switch
    {
        DemoUnitKind.Xa => "xa",
        DemoUnitKind.Phuong => "phuong",
        DemoUnitKind.ThiTran => "thi_tran",
        DemoUnitKind.DacKhu => "dac_khu",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads the kind from a full name; names without a known prefix count as xã.</summary>
    public static DemoUnitKind FromFullName(string name) =>
        name.StartsWith("Phường", StringComparison.Ordinal) ? DemoUnitKind.Phuong
        : name.StartsWith("Thị trấn", StringComparison.Ordinal) ? DemoUnitKind.ThiTran
        : name.StartsWith("Đặc khu", StringComparison.Ordinal) ? DemoUnitKind.DacKhu
        : DemoUnitKind.Xa;

    public static bool IsUrban(this DemoUnitKind kind) => kind is DemoUnitKind.Phuong or DemoUnitKind.ThiTran;
}

/// <summary>
/// A commune-level unit with its validity [ValidFrom, ValidTo). Population: for pre-merger units the 2019 base
/// figure; for post-merger units the population-share-weighted sum of their components in 2025.
/// </summary>
public sealed record DemoUnit
{
    /// <summary>5-digit code (synthetic: 9xxxx, never a real GSO code).</summary>
    public required string Code { get; init; }
    /// <summary>Full Vietnamese name with its prefix, e.g. "Phường An Lạc".</summary>
    public required string Name { get; init; }
    public required DemoUnitKind Kind { get; init; }
    public required int Population { get; init; }
    public required MultiPolygon Geometry { get; init; }
    public required DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
}

/// <summary>Full: the whole old unit went into the new one; partial: it was split, one row per receiving unit.</summary>
public enum LineageKind
{
    Full,
    Partial,
}

/// <summary>One old → new row of the 1/7/2025 merger, with the shares of the old unit that went to the new one.</summary>
public sealed record DemoLineage
{
    public required string OldCode { get; init; }
    public required string NewCode { get; init; }
    public required LineageKind Kind { get; init; }
    /// <summary>Share of the old unit's area inside the new unit (computed from geometry; sums to 1 per old unit).</summary>
    public required double AreaShare { get; init; }
    /// <summary>Share of the old unit's population; no finer population data exists, so it equals the area share.</summary>
    public required double PopulationShare { get; init; }
    /// <summary>True when no crosswalk row existed and the row was derived from geometry alone.</summary>
    public bool DerivedFromGeometry { get; init; }
}
