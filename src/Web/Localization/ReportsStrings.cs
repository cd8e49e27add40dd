namespace DiaBan.Web;

/// <summary>
/// Marker type for IStringLocalizer&lt;ReportsStrings&gt;: the reports page's own texts (Resources/ReportsStrings*.resx).
/// The report it previews is the official Vietnamese document (src/Reports) and stays Vietnamese.
/// </summary>
public sealed class ReportsStrings;
