namespace DiaBan.Web;

/// <summary>Marker type for IStringLocalizer&lt;PlacesStrings&gt;: the point layers', commune incidents' and inspections' texts (Resources/PlacesStrings*.resx).</summary>
public sealed class PlacesStrings;
