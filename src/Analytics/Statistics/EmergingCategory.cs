namespace DiaBan.Analytics.Statistics;

/// <summary>The 17 Emerging Hot Spot Analysis categories, coded as Esri's cube does (hot +1…+8, cold −1…−8, 0 none).</summary>
public enum EmergingCategory
{
    NoPattern = 0,
    NewHotSpot = 1,
    ConsecutiveHotSpot = 2,
    IntensifyingHotSpot = 3,
    PersistentHotSpot = 4,
    DiminishingHotSpot = 5,
    SporadicHotSpot = 6,
    OscillatingHotSpot = 7,
    HistoricalHotSpot = 8,
    NewColdSpot = -1,
    ConsecutiveColdSpot = -2,
    IntensifyingColdSpot = -3,
    PersistentColdSpot = -4,
    DiminishingColdSpot = -5,
    SporadicColdSpot = -6,
    OscillatingColdSpot = -7,
    HistoricalColdSpot = -8,
}

/// <summary>Vietnamese names for map legends (English in the enum names).</summary>
public static class EmergingCategoryNames
{
    public static string Vietnamese(this EmergingCategory category)
    {
        var kind = (int)category > 0 ? "Điểm nóng" : "Điểm lạnh";
        return Math.Abs((int)category) switch
        {
            0 => "Không phát hiện xu hướng",
            1 => $"{kind} mới",
            2 => $"{kind} liên tiếp",
            3 => $"{kind} tăng cường",
            4 => $"{kind} dai dẳng",
            5 => $"{kind} suy giảm",
            6 => $"{kind} rải rác",
            7 => $"{kind} dao động",
            _ => $"{kind} trong quá khứ",
        };
    }
}
