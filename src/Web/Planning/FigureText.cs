using System.Globalization;
using System.Text.RegularExpressions;
using DiaBan.Analytics.Planning;

namespace DiaBan.Web.Planning;

/// <summary>A criterion's figure and threshold (<see cref="FigureReading"/>) in the current culture: rates as percentages.</summary>
public static partial class FigureText
{
    public static bool IsRate(string measure) => measure.EndsWith("_rate", StringComparison.Ordinal);

    public static string Value(FigureReading figure, CultureInfo culture) => figure.Value is not { } v ? "—"
        : IsRate(figure.Name) ? (v * 100).ToString("0.###", culture) + " %" : v.ToString("#,0.##", culture);

    /// <summary>"&gt;= 0.005" → "≥ 0,5 %" (vi-VN): the operator as a symbol, every number in the culture's format.</summary>
    public static string Threshold(FigureReading figure, CultureInfo culture)
    {
        if (figure.Threshold is not { } text) return "";
        var rate = IsRate(figure.Name);
        var symbols = text.Replace(">=", "≥", StringComparison.Ordinal).Replace("<=", "≤", StringComparison.Ordinal).Replace("==", "=", StringComparison.Ordinal).Replace("band", "∈", StringComparison.Ordinal);
        return Number().Replace(symbols, m =>
        {
            var n = double.Parse(m.Value, CultureInfo.InvariantCulture);
            return rate ? (n * 100).ToString("0.###", culture) + " %" : n.ToString("#,0.###", culture);
        });
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?(E-?\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
