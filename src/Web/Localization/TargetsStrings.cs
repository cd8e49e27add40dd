namespace DiaBan.Web;

/// <summary>
/// Marker type for IStringLocalizer&lt;TargetsStrings&gt;: the plan targets page's texts and the words of its enums
/// (verdicts, indicators, key types keyed by their stable codes; see <see cref="TargetTexts"/>) in Resources/TargetsStrings*.resx.
/// </summary>
public sealed class TargetsStrings;
