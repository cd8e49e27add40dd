using DiaBan.Analytics.Statistics;

namespace DiaBan.Web.Map;

/// <summary>What the statistics panel shows for one commune of the shown layer (null numbers: not computed).</summary>
public sealed record StatisticRow(
    string Code,
    string Name,
    MapLayer Layer,
    double? Value,
    int? Neighbours,
    double? Statistic,
    double? Z,
    double? P,
    string ResultKey,
    string Label,
    string Colour,
    EmergingLocation? Emerging);
