namespace DiaBan.Web;

/// <summary>
/// Marker type for IStringLocalizer&lt;RecognitionStrings&gt;: the drug-free recognition pages (list, case, the map panel's
/// summary and history) and the words of the procedure's states, actions and roles, used through <see cref="RecognitionText"/>
/// (Resources/RecognitionStrings*.resx).
/// </summary>
public sealed class RecognitionStrings;
