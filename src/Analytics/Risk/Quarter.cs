namespace DiaBan.Analytics.Risk;

/// <summary>Absolute quarter index = year * 4 + (quarter - 1); 2024-Q1 is 8096.</summary>
public static class Quarter
{
    public static int Index(int year, int quarter) =>
        quarter is >= 1 and <= 4 ? year * 4 + quarter - 1 : throw new ArgumentOutOfRangeException(nameof(quarter));

    public static int Year(int index) => index / 4;

    public static int QuarterOfYear(int index) => index % 4 + 1;

    public static string Label(int index) => $"{Year(index)}-Q{QuarterOfYear(index)}";
}
