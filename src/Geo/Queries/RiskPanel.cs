using DiaBan.Analytics.Risk;

namespace DiaBan.Geo.Queries;

/// <summary>A <see cref="UnitQuarterPanel"/> read from the database plus what the app needs to name and place its units.</summary>
public sealed record RiskPanel(
    UnitQuarterPanel Panel,
    IReadOnlyList<int> UnitDbIds,
    IReadOnlyList<string> Names,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<(double X, double Y)> CentroidsM,
    string? ProvinceCode)
{
    public int LastQuarter => Panel.Quarters[^1];
}
