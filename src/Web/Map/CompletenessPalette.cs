namespace DiaBan.Web.Map;

/// <summary>
/// Classes of the data-completeness layer: the share of the required figures present, ColorBrewer YlGnBu (4 classes,
/// colour-blind safe), darker = more complete; grey = nothing required (not assessed).
/// </summary>
public static class CompletenessPalette
{
    public sealed record Bin(string Key, double Lower, string Colour);

    /// <summary>Lowest share first; a share belongs to the last bin whose lower bound it reaches.</summary>
    public static IReadOnlyList<Bin> Bins { get; } =
    [
        new("below_50", 0.0, "#ffffcc"),
        new("50_80", 0.5, "#a1dab4"),
        new("80_100", 0.8, "#41b6c4"),
        new("complete", 1.0, "#225ea8"),
    ];

    public const string UnknownColour = StatusPalette.NotAssessedColour;

    public static Bin? For(double? share) => share is { } s ? Bins.Last(b => s >= b.Lower) : null;
}
