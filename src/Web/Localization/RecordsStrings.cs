namespace DiaBan.Web;

/// <summary>Marker type for the texts of the entered records (drug spots, tips): Resources/RecordsStrings*.resx.</summary>
public sealed class RecordsStrings;
