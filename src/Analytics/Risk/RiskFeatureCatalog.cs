using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Risk;

/// <summary>
/// The ordered feature list for each <see cref="FeedbackGuard"/>. Names only: a reason carries the name, and the web
/// layer words it (DiaBan.Web.Risk.RiskReasonText, Vietnamese and English resources).
/// </summary>
public static class RiskFeatureCatalog
{
    /// <summary>Windows (quarters ending at the origin) over which incident counts are summed.</summary>
    public static IReadOnlyList<int> CountWindows { get; } = [1, 2, 4];

    /// <summary>Quarters of history used by the trend features.</summary>
    public const int TrendQuarters = 8;

    /// <summary>Cap on "quarters since last offence" so rows early and late in the panel are comparable.</summary>
    public const int QuietCap = 12;

    public static IReadOnlyList<RiskFeature> For(FeedbackGuard guard)
    {
        var list = new List<RiskFeature>();
        foreach (var kind in IncidentKinds.Counted)
            foreach (int window in CountWindows)
                list.Add(new(CountName(kind, window)));

        list.Add(new("offences_per_quarter_8q"));
        list.Add(new("offences_per_quarter_all"));
        list.Add(new("offences_per_km2_all"));
        list.Add(new("offence_rate_4q_per_1000"));
        list.Add(new("arrest_rate_4q_per_1000"));
        list.Add(new("trend_slope_8q"));
        list.Add(new("mann_kendall_s_8q"));
        list.Add(new("mann_kendall_z_8q"));
        list.Add(new("rising_streak"));
        list.Add(new("neighbour_offences_1q"));
        list.Add(new("neighbour_offences_4q"));
        list.Add(new("neighbour_offences_per_quarter_8q"));
        list.Add(new("active_use_sites"));
        list.Add(new("active_dealing_sites"));
        list.Add(new("status_last_year"));
        list.Add(new("status_change"));
        list.Add(new("business_per_1000"));
        list.Add(new("route_distance_km"));
        list.Add(new("population_thousands"));
        list.Add(new("area_km2"));
        list.Add(new("population_density"));
        list.Add(new("quarters_since_last_offence"));
        list.Add(new("patrol_share_4q"));
        if (guard == FeedbackGuard.ExposureAdjusted)
        {
            list.Add(new("patrol_days_4q"));
            list.Add(new("patrol_finds_per_100_days_4q"));
        }
        return list;
    }

    /// <summary>The name of the count of <paramref name="kind"/> over the last <paramref name="window"/> quarters, e.g. "arrest_4q".</summary>
    public static string CountName(IncidentKind kind, int window) => $"{IncidentKinds.Code(kind)}_{window}q";

    /// <summary>The kind and window of a count feature's name, or null when the name is not a count.</summary>
    public static (IncidentKind Kind, int Window)? ParseCount(string name)
    {
        foreach (var kind in IncidentKinds.Counted)
            foreach (int window in CountWindows)
                if (name == CountName(kind, window)) return (kind, window);
        return null;
    }
}
