using DiaBan.Analytics.Records;

namespace DiaBan.Web.Map;

/// <summary>How diabanMap.js fills a spot marker of a state, and its legend label.</summary>
public sealed record SpotStyle(string Fill, string Label);

/// <summary>
/// Fixed colours of the spot states (ColorBrewer Set1, distinct for colour-blind readers with the marker's size for the
/// kind): red detected, orange under watch, green eliminated, purple re-emerged. Labels from Strings (SpotState*).
/// </summary>
public static class SpotPalette
{
    public static string Colour(SpotState state) => state switch
    {
        SpotState.Detected => "#e41a1c",
        SpotState.UnderWatch => "#ff7f00",
        SpotState.Eliminated => "#4daf4a",
        _ => "#984ea3",
    };

    public static string LabelKey(SpotState state) => "SpotState" + state;

    public static string LabelKey(SpotKind kind) => "SpotKind" + kind;

    public static string LabelKey(ReviewState review) => "Review" + review;
}
