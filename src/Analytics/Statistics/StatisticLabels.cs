namespace DiaBan.Analytics.Statistics;

/// <summary>Vietnamese legend labels for LISA clusters and Gi* confidence bins (users read Vietnamese first).</summary>
public static class StatisticLabels
{
    public static string Vietnamese(this LisaCluster cluster) => cluster switch
    {
        LisaCluster.HighHigh => "Cụm cao – cao",
        LisaCluster.LowLow => "Cụm thấp – thấp",
        LisaCluster.LowHigh => "Ngoại lai thấp giữa vùng cao",
        LisaCluster.HighLow => "Ngoại lai cao giữa vùng thấp",
        LisaCluster.Neighbourless => "Không có láng giềng",
        _ => "Không có ý nghĩa thống kê",
    };

    /// <summary>±3/±2/±1 → hot or cold spot at 99/95/90% confidence; 0 → not significant.</summary>
    public static string HotSpotBin(int bin)
    {
        if (bin == 0) return "Không có ý nghĩa thống kê";
        var confidence = Math.Abs(bin) switch
        {
            3 => 99,
            2 => 95,
            1 => 90,
            _ => throw new ArgumentOutOfRangeException(nameof(bin), "Bins run from −3 to +3."),
        };
        return $"{(bin > 0 ? "Điểm nóng" : "Điểm lạnh")}, độ tin cậy {confidence}%";
    }
}
