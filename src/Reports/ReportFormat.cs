using System.Globalization;
using DiaBan.Analytics.Reporting;

namespace DiaBan.Reports;

/// <summary>A cell as a Vietnamese reader writes it: dot thousands, decimal comma, "25,0 %", "—" for no figure.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string Cell(object? value, ReportValueKind kind) => value switch
    {
        null => "—",
        string s => s,
        _ when kind == ReportValueKind.Percent => (Convert.ToDouble(value, CultureInfo.InvariantCulture) * 100).ToString("#,##0.0", Vi) + " %",
        long or int => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("#,##0", Vi),
        double d when kind == ReportValueKind.Count || d == Math.Floor(d) => d.ToString("#,##0", Vi),
        double d => d.ToString("#,##0.0", Vi),
        _ => Convert.ToString(value, Vi) ?? "",
    };

    public static string Number(double value) => value.ToString("#,##0", Vi);

    /// <summary>An SVG coordinate: invariant culture (a decimal comma would break the path).</summary>
    public static string Svg(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
