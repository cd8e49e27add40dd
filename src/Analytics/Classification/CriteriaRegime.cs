using System.Text.Json.Serialization;

namespace DiaBan.Analytics.Classification;

/// <summary>
/// The legal regime a status was computed under. Time series must mark the break between them (DOMAIN.md §2, §4).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CriteriaRegime>))]
public enum CriteriaRegime
{
    /// <summary>Quyết định 3122/2010/QĐ-BCA: xã, phường, thị trấn trọng điểm về tệ nạn ma túy.</summary>
    [JsonStringEnumMemberName("3122")] Decision3122Of2010 = 3122,

    /// <summary>Quyết định 28/2025/QĐ-TTg: địa bàn trọng điểm phức tạp về ma túy, địa bàn không ma túy.</summary>
    [JsonStringEnumMemberName("28")] Decision28Of2025 = 28,
}

/// <summary>Stable codes of <see cref="CriteriaRegime"/> (stored in status_assessment.regime and in rule sets).</summary>
public static class CriteriaRegimeInfo
{
    public static string Code(this CriteriaRegime regime) => regime switch
    {
        CriteriaRegime.Decision3122Of2010 => "3122",
        CriteriaRegime.Decision28Of2025 => "28",
        _ => throw new ArgumentOutOfRangeException(nameof(regime), regime, null),
    };

    public static CriteriaRegime FromCode(string code)
    {
        foreach (var regime in Enum.GetValues<CriteriaRegime>())
        {
            if (regime.Code() == code) return regime;
        }
        throw new ArgumentException($"unknown regime code '{code}' / mã chế độ không hợp lệ", nameof(code));
    }
}
