using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using Microsoft.Extensions.Localization;

namespace DiaBan.Web;

/// <summary>
/// The words of the plan-target enums in the UI's language, one renderer per enum, keyed by the enum's stable code
/// (Resources/TargetsStrings*.resx): <c>Verdict_on_track</c>, <c>Indicator_drug_free_communes</c>, <c>KeyType_key_type_i</c>.
/// The Vietnamese is Analytics' <c>VietnameseLabel()</c> word for word; the official reports (src/Reports) keep using that.
/// </summary>
public sealed class TargetTexts(IStringLocalizer<TargetsStrings> t)
{
    public string Verdict(TargetVerdict verdict) => t["Verdict_" + verdict.Code()];

    public string Indicator(PlanIndicator indicator) => t["Indicator_" + indicator.Code()];

    /// <summary>The type of key commune a <see cref="PlanIndicator.KeyCommunes"/> target counts (a <see cref="CommuneStatus"/>).</summary>
    public string KeyType(CommuneStatus keyType) => t["KeyType_" + keyType.Code()];

    /// <summary>The indicator, with its key type in brackets when it has one.</summary>
    public string Indicator(PlanTarget target) =>
        target.KeyType is { } k ? $"{Indicator(target.Indicator)} ({KeyType(k)})" : Indicator(target.Indicator);
}
