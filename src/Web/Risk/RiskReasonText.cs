using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Places;
using DiaBan.Analytics.Risk;
using Microsoft.Extensions.Localization;

namespace DiaBan.Web.Risk;

/// <summary>
/// The one place a model's reason (<see cref="RiskReason"/>: feature code, value, contribution) becomes words for a
/// reader, in the current UI culture: Vietnamese by default, English when the UI is English (Resources/ReasonStrings*.resx).
/// Commune features (<see cref="RiskFeatureCatalog"/>) and cell features (<see cref="CellFeatures"/>, and the recent-count
/// baseline's <c>recent_count</c>) have disjoint codes. Numbers: <see cref="VietnameseText.Number"/> in Vietnamese
/// (decimal comma), the same rounding with English separators otherwise.
/// </summary>
public sealed class RiskReasonText(IStringLocalizer<ReasonStrings> s)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The strings behind this text (the assignment sentences use them too).</summary>
    internal IStringLocalizer<ReasonStrings> Strings => s;

    /// <summary>The reason in words, e.g. "3 điểm sử dụng trái phép đang hoạt động" / "3 active illegal use sites".</summary>
    public string Render(RiskReason reason) => Phrase(reason) ?? $"{reason.Feature} ({Number(reason.Value)})";

    /// <summary>Reasons joined for one sentence ("a; b; c").</summary>
    public string Join(IEnumerable<RiskReason> reasons) => string.Join("; ", reasons.Select(Render));

    /// <summary>True when the code has its own words (every model feature must: a test checks the catalogues).</summary>
    public bool Knows(string feature) => Phrase(new RiskReason(feature, 1, 1)) is not null;

    /// <summary>A count or measure in the UI's language: whole numbers without decimals, others with up to <paramref name="decimals"/>.</summary>
    public static string Number(double value, int decimals = 1)
    {
        if (Localization.IsVietnamese) return VietnameseText.Number(value, decimals);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // no "-0"
        return rounded.ToString(rounded == Math.Floor(rounded) ? "#,##0" : "#,##0." + new string('#', decimals), English);
    }

    /// <summary>A probability or share as a whole percentage, e.g. "72%".</summary>
    public static string Percent(double share) => Number(share * 100, 0) + "%";

    private string? Phrase(RiskReason r)
    {
        double v = r.Value;
        string channel = r.ExposureAdjusted ? s["Suffix_Adjusted"] : "";
        if (RiskFeatureCatalog.ParseCount(r.Feature) is var (kind, window))
        {
            string suffix = !r.ExposureAdjusted || IncidentKinds.IsOffence(kind) ? channel
                : kind == IncidentKind.Tip ? "" : s["Suffix_FromTips"];
            return s["Count", N(v), KindWords(kind, v) + suffix, Window(window)];
        }
        return r.Feature switch
        {
            "offences_per_quarter_8q" => s["Risk_offences_per_quarter_8q", N(v, 2), channel, Window(8)],
            "offences_per_quarter_all" => s["Risk_offences_per_quarter_all", N(v, 2), channel],
            "offences_per_km2_all" => s["Risk_offences_per_km2_all", N(v, 2)],
            "offence_rate_4q_per_1000" or "arrest_rate_4q_per_1000" => s["Risk_" + r.Feature, N(v, 2), Window(4)],
            "trend_slope_8q" => v > 0 ? s["Risk_trend_slope_8q_Up", N(v, 2)] : v < 0 ? s["Risk_trend_slope_8q_Down", N(-v, 2)]
                : s["Risk_trend_slope_8q_Flat"],
            "mann_kendall_s_8q" => s["Risk_mann_kendall_s_8q", N(v)],
            "mann_kendall_z_8q" => s[v >= 1.96 ? "Risk_mann_kendall_z_8q_Up" : v <= -1.96 ? "Risk_mann_kendall_z_8q_Down" : "Risk_mann_kendall_z_8q_None", N(v, 2)],
            "rising_streak" => v >= 1 ? s["Risk_rising_streak_Up", N(v)] : s["Risk_rising_streak_None"],
            "neighbour_offences_1q" => s["Risk_neighbour_offences_1q", N(v, 2), Window(1)],
            "neighbour_offences_4q" => s["Risk_neighbour_offences_4q", N(v, 2), Window(4)],
            "neighbour_offences_per_quarter_8q" => s["Risk_neighbour_offences_per_quarter_8q", N(v, 2), Window(8)],
            "active_use_sites" or "active_dealing_sites" or "route_distance_km" or "population_thousands" or "area_km2" => s["Risk_" + r.Feature, N(v)],
            "business_per_1000" => s["Risk_business_per_1000", N(v, 2)],
            "population_density" => s["Risk_population_density", N(v, 0)],
            "status_last_year" => s["Risk_status_last_year", Severity((int)v)],
            "status_change" => v > 0 ? s["Risk_status_change_Worse", N(v)] : v < 0 ? s["Risk_status_change_Better", N(-v)] : s["Risk_status_change_Same"],
            "quarters_since_last_offence" => v <= 0 ? s["Risk_quarters_since_last_offence_Now"]
                : v >= RiskFeatureCatalog.QuietCap ? s["Risk_quarters_since_last_offence_AtLeast", RiskFeatureCatalog.QuietCap.ToString(CultureInfo.InvariantCulture)]
                : s["Risk_quarters_since_last_offence_Some", N(v)],
            "patrol_share_4q" => s["Risk_patrol_share_4q", N(v * 100, 0), Window(4)],
            "patrol_days_4q" => s["Risk_patrol_days_4q", N(v), Window(4)],
            "patrol_finds_per_100_days_4q" => s["Risk_patrol_finds_per_100_days_4q", N(v, 2), Window(4)],
            "recent_count" => s["Cell_recent_count", v.ToString("0.0", CultureInfo.CurrentCulture)],
            _ => CellFeatures.All.Any(f => f.Name == r.Feature) ? s["CellReason", s["Cell_" + r.Feature], CellValue(r.Feature, v)].Value : null,
        };
    }

    // a kind's words for a count: "Kind_<code>_One" for exactly one ("1 arrest"; the same words in Vietnamese)
    private string KindWords(IncidentKind kind, double count) =>
        s["Kind_" + IncidentKinds.Code(kind) + (count == 1 ? "_One" : "")];

    // the value in brackets after a cell feature's words
    private string CellValue(string feature, double value) => feature switch
    {
        "open_spot_m" or "business_m" or "route_m" => value >= CellFeatures.DistanceCapM ? s["CellValue_Far"] : s["CellValue_Metres", N(value, 0)],
        "days_to_tet" => value >= 0 ? s["CellValue_DaysLeft", N(value, 0)] : s["CellValue_DaysPast", N(-value, 0)],
        "days_since_last" => s["CellValue_DaysAgo", N(value, 0)],
        "kde_150_52w" or "kde_400_52w" or "near_repeat_etas" or "kde_200_104w" => s["CellValue_PerCell", N(value, 2)],
        "businesses_250m" or "open_spots_250m" => s["CellValue_Within250", N(value, 1)],
        "month" => s["CellValue_Month", N(value, 0)],
        "decay_1w" or "decay_4w" or "decay_13w" or "decay_52w" or "near_repeat" or "ring1_4w" or "ring1_52w" or "ring2_52w"
            => s["CellValue_Incidents", N(value, 1)],
        "commune_13w" => s["CellValue_PerCell13w", N(value, 1)],
        "commune_trend" => (value > 0 ? "+" : "") + N(value, 2),
        _ => N(value, 1),
    };

    private string Window(int quarters) =>
        quarters == 1 ? s["Window_1"] : s["Window_N", quarters.ToString(CultureInfo.InvariantCulture)];

    private string Severity(int severity) => severity is >= 0 and <= 4
        ? s["Severity_" + severity.ToString(CultureInfo.InvariantCulture)] : s["Severity_Unknown"];

    private static string N(double v, int decimals = 1) => Number(v, decimals);
}
