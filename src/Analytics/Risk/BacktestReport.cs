using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiaBan.Analytics.Risk;

/// <summary>
/// Accuracy of one method over the backtest. AUC and Brier are pooled over every test row of every fold; PAI, PEI*
/// and hit rate are the mean over folds (each fold ranks its own quarter) of folds with at least one incident.
/// Keys are area shares in invariant culture: "0.01", "0.02", "0.05", "0.1", "0.2".
/// </summary>
public sealed record MethodMetrics(
    [property: JsonPropertyName("auc")] double? Auc,
    [property: JsonPropertyName("brier")] double? Brier,
    [property: JsonPropertyName("pai")] IReadOnlyDictionary<string, double?> Pai,
    [property: JsonPropertyName("pei_star")] IReadOnlyDictionary<string, double?> PeiStar,
    [property: JsonPropertyName("hit_rate")] IReadOnlyDictionary<string, double?> HitRate)
{
    public static string ShareKey(double share) => share.ToString(CultureInfo.InvariantCulture);

    public double? PaiAt(double share) => Pai.TryGetValue(ShareKey(share), out var v) ? v : null;

    public double? PeiStarAt(double share) => PeiStar.TryGetValue(ShareKey(share), out var v) ? v : null;

    public double? HitRateAt(double share) => HitRate.TryGetValue(ShareKey(share), out var v) ? v : null;
}

public sealed record BaselineMetrics(
    [property: JsonPropertyName("last_quarter")] MethodMetrics LastQuarter,
    [property: JsonPropertyName("mean_4q")] MethodMetrics Mean4Q,
    [property: JsonPropertyName("kde")] MethodMetrics Kde);

/// <summary>Serialises to exactly {"model": M, "baselines": {"last_quarter": M, "mean_4q": M, "kde": M}}.</summary>
public sealed record BacktestReport(
    [property: JsonPropertyName("model")] MethodMetrics Model,
    [property: JsonPropertyName("baselines")] BaselineMetrics Baselines)
{
    public string ToJson(bool indented = false) => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = indented });

    public static BacktestReport FromJson(string json) =>
        JsonSerializer.Deserialize<BacktestReport>(json) ?? throw new JsonException("Empty backtest report.");
}
