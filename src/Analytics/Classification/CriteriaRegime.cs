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
