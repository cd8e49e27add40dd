namespace DiaBan.Geo.Queries;

/// <summary>Vietnamese labels of the stored status codes, as the API returns them.</summary>
public static class StatusLabels
{
    public static IReadOnlyDictionary<string, string> Vietnamese { get; } = new Dictionary<string, string>
    {
        ["drug_free"] = "Không ma túy",
        ["no_drug_vice"] = "Không có tệ nạn ma túy",
        ["has_drugs"] = "Có ma túy / có tệ nạn ma túy",
        ["key_type_iii"] = "Trọng điểm phức tạp loại III",
        ["key_type_ii"] = "Trọng điểm phức tạp loại II",
        ["key_type_i"] = "Trọng điểm phức tạp loại I",
    };
}
