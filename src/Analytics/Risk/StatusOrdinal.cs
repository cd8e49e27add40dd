namespace DiaBan.Analytics.Risk;

/// <summary>
/// Yearly commune status as an ordinal, higher = worse. The DB layer maps its status codes onto this scale
/// (drug-free &lt; no key-area label &lt; key area type III &lt; II &lt; I, Decision 28/2025/QĐ-TTg).
/// </summary>
public static class StatusOrdinal
{
    public const int Unknown = -1;
    public const int DrugFree = 0;
    public const int Unclassified = 1;
    public const int TypeIII = 2;
    public const int TypeII = 3;
    public const int TypeI = 4;

    public static string VietnameseName(int ordinal) => ordinal switch
    {
        DrugFree => "không ma túy",
        Unclassified => "chưa xếp loại trọng điểm",
        TypeIII => "trọng điểm loại III",
        TypeII => "trọng điểm loại II",
        TypeI => "trọng điểm loại I",
        _ => "chưa rõ",
    };
}
