namespace DiaBan.Demo.Province;

/// <summary>Knobs of the demo generator; the defaults give the shipped demo province.</summary>
public sealed record DemoProvinceOptions
{
    /// <summary>System.Random seed; the same seed gives the same province, byte for byte.</summary>
    public int Seed { get; init; } = 2019;
    /// <summary>Synthetic mode: number of pre-merger units (one of them an island).</summary>
    public int PreMergerUnitCount { get; init; } = 100;
    /// <summary>Synthetic mode: number of post-merger units.</summary>
    public int PostMergerUnitCount { get; init; } = 35;
    public string ProvinceCode { get; init; } = "99";
    public string ProvinceName { get; init; } = "Tỉnh Mô phỏng (dữ liệu demo)";
    /// <summary>Scales every incident rate (1 = a few hundred to low thousands a year).</summary>
    public double IncidentScale { get; init; } = 1.0;
}
