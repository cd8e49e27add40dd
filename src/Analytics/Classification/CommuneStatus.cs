using System.Text.Json.Serialization;

namespace DiaBan.Analytics.Classification;

/// <summary>
/// Drug-area status of a commune-level unit. The JSON names are the stable codes stored in the database and in rule
/// sets; the integer values are stable too (append new members, never renumber).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommuneStatus>))]
public enum CommuneStatus
{
    /// <summary>Không ma túy: drug-free area under Decision 28/2025.</summary>
    [JsonStringEnumMemberName("drug_free")] DrugFree = 0,

    /// <summary>Không có tệ nạn ma túy: the older 3122/2010-era label, a different category from DrugFree.</summary>
    [JsonStringEnumMemberName("no_drug_vice")] NoDrugVice = 1,

    /// <summary>Có ma túy / có tệ nạn ma túy: not a key area and not (yet) drug-free.</summary>
    [JsonStringEnumMemberName("has_drugs")] HasDrugs = 2,

    [JsonStringEnumMemberName("key_type_iii")] KeyTypeIII = 3,
    [JsonStringEnumMemberName("key_type_ii")] KeyTypeII = 4,
    [JsonStringEnumMemberName("key_type_i")] KeyTypeI = 5,

    /// <summary>Chưa đủ dữ liệu: a figure the rule set needs is missing and it could change the class. Not a
    /// severity: it is never better or worse than another status (StatusRank) and never a rule set's class.</summary>
    [JsonStringEnumMemberName("insufficient_data")] InsufficientData = 6,
}

/// <summary>Stable codes, Vietnamese labels and colouring order of <see cref="CommuneStatus"/>.</summary>
public static class CommuneStatusInfo
{
    public static IReadOnlyList<CommuneStatus> All { get; } =
    [
        CommuneStatus.DrugFree, CommuneStatus.NoDrugVice, CommuneStatus.HasDrugs,
        CommuneStatus.KeyTypeIII, CommuneStatus.KeyTypeII, CommuneStatus.KeyTypeI,
        CommuneStatus.InsufficientData,
    ];

    /// <summary>Whether a status has a place in the severity order (every status but insufficient data).</summary>
    public static bool IsRanked(this CommuneStatus status) => status != CommuneStatus.InsufficientData;

    public static string Code(this CommuneStatus status) => status switch
    {
        CommuneStatus.DrugFree => "drug_free",
        CommuneStatus.NoDrugVice => "no_drug_vice",
        CommuneStatus.HasDrugs => "has_drugs",
        CommuneStatus.KeyTypeIII => "key_type_iii",
        CommuneStatus.KeyTypeII => "key_type_ii",
        CommuneStatus.KeyTypeI => "key_type_i",
        CommuneStatus.InsufficientData => "insufficient_data",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static CommuneStatus FromCode(string code)
    {
        foreach (var status in All)
        {
            if (status.Code() == code) return status;
        }
        throw new ArgumentException($"Mã trạng thái không hợp lệ / unknown status code '{code}'.", nameof(code));
    }

    public static string VietnameseLabel(this CommuneStatus status) => status switch
    {
        CommuneStatus.DrugFree => "Không ma túy",
        CommuneStatus.NoDrugVice => "Không có tệ nạn ma túy",
        CommuneStatus.HasDrugs => "Có ma túy / có tệ nạn ma túy",
        CommuneStatus.KeyTypeIII => "Trọng điểm phức tạp loại III",
        CommuneStatus.KeyTypeII => "Trọng điểm phức tạp loại II",
        CommuneStatus.KeyTypeI => "Trọng điểm phức tạp loại I",
        CommuneStatus.InsufficientData => "Chưa đủ dữ liệu",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Severity of a year whose status is not known (no assessment).</summary>
    public const int UnknownSeverity = -1;

    /// <summary>
    /// The one severity order: 0 (drug-free or no drug vice) up to 4 (key type I). Colouring, the risk model's
    /// yearly status and the SQL that ranks stored statuses (Geo's DomainSql) all read it from here. Insufficient
    /// data has no severity: <see cref="UnknownSeverity"/>, as for a year without an assessment.
    /// </summary>
    public static int Severity(this CommuneStatus status) => status switch
    {
        CommuneStatus.DrugFree or CommuneStatus.NoDrugVice => 0,
        CommuneStatus.HasDrugs => 1,
        CommuneStatus.KeyTypeIII => 2,
        CommuneStatus.KeyTypeII => 3,
        CommuneStatus.KeyTypeI => 4,
        CommuneStatus.InsufficientData => UnknownSeverity,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
