using DiaBan.Analytics.Classification;
using Microsoft.Extensions.Localization;

namespace DiaBan.Web;

/// <summary>
/// The label of a classifier input as its JSON names it (snake_case): an indicator field's label from its one home
/// (<see cref="IndicatorFieldInfo.Label"/>), any other input (e.g. the 3122 regime's <c>harbouring_places</c>) from
/// <c>Input_…</c> in Strings.resx; null for bookkeeping (year, unit_code) that has no label.
/// </summary>
public static class InputLabels
{
    public static string? Of(string snakeName, IStringLocalizer<Strings> t)
    {
        if (IndicatorFieldInfo.FromColumnName(snakeName) is { } field) return field.Label();
        var s = t["Input_" + snakeName];
        return s.ResourceNotFound ? null : s.Value;
    }
}
