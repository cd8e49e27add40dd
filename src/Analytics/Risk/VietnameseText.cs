using System.Globalization;

namespace DiaBan.Analytics.Risk;

/// <summary>Number formatting for Vietnamese readers: decimal comma, dot thousands separator.</summary>
public static class VietnameseText
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A count or measure: whole numbers without decimals, others with up to <paramref name="decimals"/>.</summary>
    public static string Number(double value, int decimals = 1)
    {
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // no "-0"
        string format = rounded == Math.Floor(rounded) ? "#,##0" : "#,##0." + new string('#', decimals);
        return rounded.ToString(format, Vi);
    }

    /// <summary>A probability as a whole percentage, e.g. "72%".</summary>
    public static string Percent(double probability) => Number(probability * 100, 0) + "%";

    /// <summary>A probability spread in percentage points, e.g. "±8 điểm %".</summary>
    public static string PercentPoints(double spread) => "±" + Number(spread * 100, 0) + " điểm %";
}
