using System.Globalization;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Services;

namespace DiaBan.Web.Map;

/// <summary>
/// The legend key of one result of a statistics layer — what the legend counts and what picks the colour — in one
/// place for the GeoJSON map (StatisticsView) and the vector tiles (StatisticsTiles): "nodata" when the commune had no
/// figure, a Gi* bin ("3"…"-3") or "Neighbourless", a LISA cluster name, an EHSA category name, a density class.
/// </summary>
public static class StatisticsKeys
{
    public const string NoData = "nodata";

    public static string Local(LocalStatistic statistic, LocalRow? row) =>
        row is null ? NoData
        : statistic == LocalStatistic.LocalMoran ? ((LisaCluster)row.Code).ToString()
        : double.IsFinite(row.Z) ? row.Code.ToString(CultureInfo.InvariantCulture)
        : nameof(LisaCluster.Neighbourless);

    public static string Emerging(EmergingCategory category) => category.ToString();

    public static string Density(double shareOfMaximum) =>
        StatisticsPalette.DensityClass(shareOfMaximum).ToString(CultureInfo.InvariantCulture);
}
