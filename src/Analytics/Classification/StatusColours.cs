namespace DiaBan.Analytics.Classification;

/// <summary>
/// The one colour of each status (the map, its legend, the report's map and charts). ColorBrewer RdBu (9 classes), a
/// diverging scheme ColorBrewer marks colour-blind safe; grey = not assessed (or a status without its own colour yet); purple (ColorBrewer PRGn) = insufficient data, outside
/// the red–blue scale because it has no place on the severity order.
/// </summary>
public static class StatusColours
{
    public const string NotAssessed = "#bdbdbd";

    public static string Fill(CommuneStatus? status) => status switch
    {
        CommuneStatus.DrugFree => "#2166ac",
        CommuneStatus.NoDrugVice => "#92c5de",
        CommuneStatus.HasDrugs => "#fddbc7",
        CommuneStatus.KeyTypeIII => "#f4a582",
        CommuneStatus.KeyTypeII => "#d6604d",
        CommuneStatus.KeyTypeI => "#b2182b",
        CommuneStatus.InsufficientData => "#c2a5cf",
        _ => NotAssessed,
    };
}
