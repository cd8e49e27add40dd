using DiaBan.Analytics.Statistics;

namespace DiaBan.Web.Map;

/// <summary>
/// Fixed colours of the statistics layers, so a colour keeps its meaning across years and periods. Gi* bins: ColorBrewer
/// RdBu (7 classes, colour-blind safe), red = hot; LISA: GeoDa's cluster map colours; EHSA: reds for hot categories,
/// blues and purples for cold, grey for no pattern; density: ColorBrewer YlOrRd (5 classes) by share of the peak.
/// </summary>
public static class StatisticsPalette
{
    public const string NoData = "#d9d9d9";

    public static IReadOnlyList<int> Bins { get; } = [3, 2, 1, 0, -1, -2, -3];

    public static string Bin(int bin) => bin switch
    {
        3 => "#b2182b",
        2 => "#ef8a62",
        1 => "#fddbc7",
        -1 => "#d1e5f0",
        -2 => "#67a9cf",
        -3 => "#2166ac",
        _ => "#f7f7f7",
    };

    public static IReadOnlyList<LisaCluster> Clusters { get; } =
        [LisaCluster.HighHigh, LisaCluster.LowLow, LisaCluster.LowHigh, LisaCluster.HighLow, LisaCluster.NotSignificant, LisaCluster.Neighbourless];

    public static string Cluster(LisaCluster cluster) => cluster switch
    {
        LisaCluster.HighHigh => "#e31a1c",
        LisaCluster.LowLow => "#1f78b4",
        LisaCluster.LowHigh => "#a6cee3",
        LisaCluster.HighLow => "#fb9a99",
        LisaCluster.Neighbourless => "#969696",
        _ => "#f0f0f0",
    };

    /// <summary>Hot categories +1…+8, then no pattern, then cold −1…−8, as a legend lists them.</summary>
    public static IReadOnlyList<EmergingCategory> Categories { get; } =
        [.. Enumerable.Range(1, 8).Select(c => (EmergingCategory)c), EmergingCategory.NoPattern, .. Enumerable.Range(1, 8).Select(c => (EmergingCategory)(-c))];

    // new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical
    private static readonly string[] Hot = ["#fcbba1", "#fc9272", "#a50f15", "#de2d26", "#fb6a4a", "#fdd0a2", "#fd8d3c", "#c9a3a3"];
    private static readonly string[] Cold = ["#c6dbef", "#9ecae1", "#08519c", "#3182bd", "#6baed6", "#dadaeb", "#9e9ac8", "#a3b4c9"];

    public static string Category(EmergingCategory category)
    {
        var code = (int)category;
        return code > 0 ? Hot[code - 1] : code < 0 ? Cold[-code - 1] : "#f0f0f0";
    }

    /// <summary>Lower bounds (share of the peak density) of the five density classes.</summary>
    public static IReadOnlyList<double> DensityClasses { get; } = [0.05, 0.2, 0.4, 0.6, 0.8];

    private static readonly string[] DensityColours = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];

    public static int DensityClass(double share)
    {
        var k = 0;
        for (var i = 0; i < DensityClasses.Count; i++) if (share >= DensityClasses[i]) k = i;
        return k;
    }

    public static string Density(int densityClass) => DensityColours[densityClass];
}
