namespace DiaBan.Geo.Services;

/// <summary>What a database statistics layer analyses: the figure itself, or the figure per 10,000 residents.</summary>
public enum StatisticsMeasure
{
    Count,
    /// <summary>Per 10,000 residents: counts follow population, so on counts the hot spots are simply the big wards.</summary>
    Rate,
}

public static class StatisticsMeasures
{
    public const double RateBase = 10_000;

    public static string Code(this StatisticsMeasure measure) => measure == StatisticsMeasure.Rate ? "rate" : "count";

    public static StatisticsMeasure Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "count" => StatisticsMeasure.Count,
        "rate" => StatisticsMeasure.Rate,
        _ => throw new FormatException($"measure '{text}': expected count or rate (per 10,000 residents)"),
    };

    /// <summary>The value analysed: the figure, or figure × 10,000 / population (null when either is missing or population is 0).</summary>
    public static double? Apply(this StatisticsMeasure measure, double? value, double? population) => measure switch
    {
        StatisticsMeasure.Count => value,
        _ => value is { } v && population is > 0 ? v * RateBase / population.Value : null,
    };
}
