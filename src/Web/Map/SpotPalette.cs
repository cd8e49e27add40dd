using DiaBan.Analytics.Records;
using Microsoft.Extensions.Localization;

namespace DiaBan.Web.Map;

/// <summary>How diabanMap.js fills a spot marker of a state, and its legend label.</summary>
public sealed record SpotStyle(string Fill, string Label);

/// <summary>
/// Everything diabanMap.js's setSpots shows: a style per state code, a word per kind code and the popup's field labels,
/// all in the user's language (the module decides nothing).
/// </summary>
public sealed record SpotLayerStyle(IReadOnlyDictionary<string, SpotStyle> States, IReadOnlyDictionary<string, string> Kinds,
    IReadOnlyDictionary<string, string> Labels)
{
    public static readonly SpotLayerStyle Empty = new(new Dictionary<string, SpotStyle>(), new Dictionary<string, string>(),
        new Dictionary<string, string>());
}

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

    /// <summary>The one place the map pages get the spot layer's colours and words from.</summary>
    public static SpotLayerStyle LayerStyle(IStringLocalizer<RecordsStrings> r) => new(
        Enum.GetValues<SpotState>().ToDictionary(s => s.Code(), s => new SpotStyle(Colour(s), r[LabelKey(s)])),
        Enum.GetValues<SpotKind>().ToDictionary(k => k.Code(), k => r[LabelKey(k)].Value),
        new Dictionary<string, string>
        {
            ["state"] = r["State"], ["lastStep"] = r["LastStep"], ["recordingUnit"] = r["RecordingUnit"], ["commune"] = r["Commune"],
        });

    public static string LabelKey(SpotState state) => "SpotState" + state;

    public static string LabelKey(SpotKind kind) => "SpotKind" + kind;

    public static string LabelKey(ReviewState review) => "Review" + review;
}
