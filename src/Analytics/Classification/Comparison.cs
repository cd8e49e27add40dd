using System.Text.Json.Serialization;

namespace DiaBan.Analytics.Classification;

/// <summary>How a measure is compared with its threshold. A band is the half-open interval [lower, upper).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Comparison>))]
public enum Comparison
{
    [JsonStringEnumMemberName(">=")] AtLeast,
    [JsonStringEnumMemberName(">")] MoreThan,
    [JsonStringEnumMemberName("<=")] AtMost,
    [JsonStringEnumMemberName("<")] LessThan,
    [JsonStringEnumMemberName("==")] EqualTo,
    [JsonStringEnumMemberName("band")] Band,
}

public static class ComparisonInfo
{
    public static bool Holds(this Comparison op, double input, double? value, double? lower, double? upper) => op switch
    {
        Comparison.AtLeast => input >= value!.Value,
        Comparison.MoreThan => input > value!.Value,
        Comparison.AtMost => input <= value!.Value,
        Comparison.LessThan => input < value!.Value,
        Comparison.EqualTo => input == value!.Value,
        Comparison.Band => input >= lower!.Value && input < upper!.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static string Symbol(this Comparison op) => op switch
    {
        Comparison.AtLeast => ">=",
        Comparison.MoreThan => ">",
        Comparison.AtMost => "<=",
        Comparison.LessThan => "<",
        Comparison.EqualTo => "==",
        Comparison.Band => "band",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
