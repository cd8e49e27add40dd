using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Risk;

/// <summary>The ordered feature list for each <see cref="FeedbackGuard"/>, with Vietnamese phrase templates.</summary>
public static class RiskFeatureCatalog
{
    /// <summary>Windows (quarters ending at the origin) over which incident counts are summed.</summary>
    public static IReadOnlyList<int> CountWindows { get; } = [1, 2, 4];

    /// <summary>Quarters of history used by the trend features.</summary>
    public const int TrendQuarters = 8;

    /// <summary>Cap on "quarters since last offence" so rows early and late in the panel are comparable.</summary>
    public const int QuietCap = 12;

    public static IReadOnlyList<RiskFeature> For(FeedbackGuard guard)
    {
        var list = new List<RiskFeature>();
        bool guarded = guard == FeedbackGuard.ExposureAdjusted;
        string channel = guarded ? " (đã hiệu chỉnh theo mức tuần tra)" : "";
        foreach (var kind in IncidentKinds.Counted)
            foreach (int window in CountWindows)
            {
                string noun = KindNoun(kind) + (!guarded || IncidentKinds.IsOffence(kind) ? channel
                    : kind == IncidentKind.Tip ? "" : " (từ tin báo)");
                string when = Window(window);
                list.Add(new($"{IncidentKinds.Code(kind)}_{window}q", v => $"{N(v)} {noun} {when}"));
            }

        list.Add(new("offences_per_quarter_8q", v => $"trung bình {N(v, 2)} vụ vi phạm/quý{channel} {Window(8)}"));
        list.Add(new("offences_per_quarter_all", v => $"trung bình {N(v, 2)} vụ vi phạm/quý{channel} trong toàn bộ số liệu"));
        list.Add(new("offences_per_km2_all", v => $"trung bình {N(v, 2)} vụ vi phạm/km²/quý trong toàn bộ số liệu"));
        list.Add(new("offence_rate_4q_per_1000", v => $"{N(v, 2)} vụ vi phạm/1.000 dân {Window(4)}"));
        list.Add(new("arrest_rate_4q_per_1000", v => $"{N(v, 2)} vụ bắt giữ/1.000 dân {Window(4)}"));
        list.Add(new("trend_slope_8q", v => v > 0 ? $"số vụ tăng trung bình {N(v, 2)} vụ/quý trong 8 quý gần nhất"
            : v < 0 ? $"số vụ giảm trung bình {N(-v, 2)} vụ/quý trong 8 quý gần nhất" : "số vụ đi ngang trong 8 quý gần nhất"));
        list.Add(new("mann_kendall_s_8q", v => $"chỉ số xu hướng Mann–Kendall 8 quý S = {N(v)}"));
        list.Add(new("mann_kendall_z_8q", v => v >= 1.96 ? $"xu hướng tăng có ý nghĩa thống kê (Mann–Kendall z = {N(v, 2)})"
            : v <= -1.96 ? $"xu hướng giảm có ý nghĩa thống kê (Mann–Kendall z = {N(v, 2)})"
            : $"chưa có xu hướng rõ rệt (Mann–Kendall z = {N(v, 2)})"));
        list.Add(new("rising_streak", v => v >= 1 ? $"số vụ tăng {N(v)} quý liên tiếp" : "số vụ không tăng so với quý trước"));
        list.Add(new("neighbour_offences_1q", v => $"các xã giáp ranh trung bình {N(v, 2)} vụ {Window(1)}"));
        list.Add(new("neighbour_offences_4q", v => $"các xã giáp ranh trung bình {N(v, 2)} vụ {Window(4)}"));
        list.Add(new("neighbour_offences_per_quarter_8q", v => $"các xã giáp ranh trung bình {N(v, 2)} vụ/quý {Window(8)}"));
        list.Add(new("active_use_sites", v => $"{N(v)} điểm sử dụng trái phép đang hoạt động"));
        list.Add(new("active_dealing_sites", v => $"{N(v)} điểm mua bán trái phép đang hoạt động"));
        list.Add(new("status_last_year", v => $"năm trước: {CommuneStatusInfo.SeverityName((int)v)}"));
        list.Add(new("status_change", v => v > 0 ? $"tình trạng năm trước xấu đi {N(v)} bậc"
            : v < 0 ? $"tình trạng năm trước cải thiện {N(-v)} bậc" : "tình trạng không đổi giữa hai năm gần nhất"));
        list.Add(new("business_per_1000", v => $"{N(v, 2)} cơ sở kinh doanh có điều kiện/1.000 dân"));
        list.Add(new("route_distance_km", v => $"cách tuyến trọng điểm về ma túy {N(v)} km"));
        list.Add(new("population_thousands", v => $"dân số {N(v)} nghìn người"));
        list.Add(new("area_km2", v => $"diện tích {N(v)} km²"));
        list.Add(new("population_density", v => $"mật độ dân số {N(v, 0)} người/km²"));
        list.Add(new("quarters_since_last_offence", v => v <= 0 ? "có vụ vi phạm ngay trong quý gần nhất"
            : v >= QuietCap ? $"ít nhất {QuietCap} quý chưa ghi nhận vụ vi phạm" : $"{N(v)} quý chưa ghi nhận vụ vi phạm"));
        list.Add(new("patrol_share_4q", v => $"{N(v * 100, 0)}% vụ việc {Window(4)} do tuần tra phát hiện"));
        if (guard == FeedbackGuard.ExposureAdjusted)
        {
            list.Add(new("patrol_days_4q", v => $"{N(v)} ngày tuần tra {Window(4)}"));
            list.Add(new("patrol_finds_per_100_days_4q", v => $"{N(v, 2)} vụ phát hiện/100 ngày tuần tra {Window(4)}"));
        }
        return list;
    }

    private static string N(double v, int decimals = 1) => VietnameseText.Number(v, decimals);

    private static string Window(int quarters) => quarters == 1 ? "trong quý gần nhất" : $"trong {quarters} quý gần nhất";

    private static string KindNoun(IncidentKind kind) => kind switch
    {
        IncidentKind.Arrest => "vụ bắt giữ",
        IncidentKind.Seizure => "vụ thu giữ ma túy",
        IncidentKind.UseSite => "điểm sử dụng trái phép bị phát hiện",
        IncidentKind.DealingSite => "điểm mua bán trái phép bị phát hiện",
        IncidentKind.PlantSite => "vụ phát hiện cây có chứa chất ma túy",
        IncidentKind.InspectionViolation => "vi phạm qua kiểm tra cơ sở kinh doanh có điều kiện",
        IncidentKind.Tip => "tin báo, tố giác",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
