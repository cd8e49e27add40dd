namespace DiaBan.Web.Map;

/// <summary>
/// Fixed ordinal colours of the statuses, from best to worst, so a colour means the same thing in every year.
/// Colours: ColorBrewer RdBu (9 classes), a diverging scheme ColorBrewer marks colour-blind safe; grey = not assessed.
/// </summary>
public static class StatusPalette
{
    public sealed record Entry(string? Code, string Colour, string LabelKey);

    public const string NotAssessedColour = "#bdbdbd";

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        new("drug_free", "#2166ac", "StatusDrugFree"),
        new("no_drug_vice", "#92c5de", "StatusNoDrugVice"),
        new("has_drugs", "#fddbc7", "StatusHasDrugs"),
        new("key_type_iii", "#f4a582", "StatusKeyTypeIII"),
        new("key_type_ii", "#d6604d", "StatusKeyTypeII"),
        new("key_type_i", "#b2182b", "StatusKeyTypeI"),
        new(null, NotAssessedColour, "StatusNotAssessed"),
    ];

    public static Entry For(string? status) =>
        Entries.FirstOrDefault(e => e.Code == status) ?? Entries[^1];
}
