namespace DiaBan.Web;

/// <summary>Marker type for IStringLocalizer&lt;Strings&gt;: Resources/Strings.resx (Vietnamese) and Strings.en.resx.</summary>
public sealed class Strings;
