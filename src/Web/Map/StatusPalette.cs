using DiaBan.Analytics.Classification;

namespace DiaBan.Web.Map;

/// <summary>
/// Fixed colours of the statuses, listed in <see cref="CommuneStatusInfo.All"/>'s order (best to worst), so a colour
/// means the same thing in every year. Colours: ColorBrewer RdBu (9 classes), a diverging scheme ColorBrewer marks
/// colour-blind safe; grey = not assessed; purple (ColorBrewer PRGn) = insufficient data, outside the red–blue scale
/// because it is no place on the severity order.
/// </summary>
public static class StatusPalette
{
    public sealed record Entry(CommuneStatus? Status, string Colour, string LabelKey)
    {
        /// <summary>The stored code ("drug_free"), null for not assessed.</summary>
        public string? Code => Status?.Code();
    }

    public const string NotAssessedColour = StatusColours.NotAssessed;

    public static IReadOnlyList<Entry> Entries { get; } =
        [.. CommuneStatusInfo.All.Select(s => new Entry(s, Colour(s), "Status" + s)), new(null, NotAssessedColour, "StatusNotAssessed")];

    public static Entry For(CommuneStatus? status) => Entries.First(e => e.Status == status);

    private static string Colour(CommuneStatus status) => StatusColours.Fill(status);
}
