using DiaBan.Analytics.Risk;

namespace DiaBan.Demo.Simulation;

/// <summary>An observed synthetic panel, the incident points behind it, and the truth it came from.</summary>
public sealed record SyntheticPanel(
    UnitQuarterPanel Panel,
    IReadOnlyList<IncidentPoint> Points,
    IReadOnlyList<(double X, double Y)> Centroids,
    IReadOnlyList<string> DistrictIds,
    double[,] TrueRate);
