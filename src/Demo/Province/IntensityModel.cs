namespace DiaBan.Demo.Province;

/// <summary>
/// Relative activity of a pre-merger unit in a month (2019-01 = month 0): baseline × storyline × Covid-19 dips,
/// and a seasonal factor peaking around Tết (late January / February).
/// </summary>
internal sealed class IntensityModel(ScenarioPlan plan, IReadOnlyDictionary<string, int> drugFreeFrom, IReadOnlySet<string> calm)
{
    // what is left of activity and of the managed-user stock in a drug-free programme commune (DrugFreePlanner)
    private const double DrugFreeActivity = 0.01;
    private const double DrugFreeUsers = 0.0;
    // a calm commune: people on the records (about 0.12 % of residents) but hardly any incident
    private const double CalmActivity = 0.005;
    private const double CalmUsers = 1.1;

    public const int MonthCount = 93; // January 2019 .. September 2026
    private const int EmergingFromQuarter = 20; // 2024 Q1
    private const int FadingFromQuarter = 12; // 2022 Q1

    // January..December; Tết and the pre-Tết crackdown months are highest
    private static readonly double[] SeasonByMonth = [1.35, 1.30, 1.00, 0.90, 0.85, 0.85, 0.85, 0.85, 0.90, 0.95, 1.05, 1.25];

    public static DateOnly MonthStart(int month) => DemoCalendar.FirstIncidentDay.AddMonths(month);

    public static int MonthOf(DateOnly date) =>
        (date.Year - DemoCalendar.FirstIncidentDay.Year) * 12 + date.Month - 1;

    public static double Season(int month) => SeasonByMonth[month % 12];

    public double Factor(int unit, int month)
    {
        var quarter = month / 3;
        var story = plan.Roles[unit] switch
        {
            UnitRole.Hotspot => 6.0,
            // near zero, then rising every quarter from 2024
            UnitRole.Emerging => quarter < EmergingFromQuarter ? 0.04 : 0.8 + 0.6 * (quarter - EmergingFromQuarter),
            // high to 2021, falling through 2022–2023, near zero from 2024
            UnitRole.Fading => quarter < FadingFromQuarter ? 6.0
                : quarter < EmergingFromQuarter ? 6.0 - 5.8 * (quarter - FadingFromQuarter + 1) / 9.0
                : 0.04,
            _ => 1.0,
        };
        return plan.BaseFactor[unit] * story * Covid(month);
    }

    /// <summary><see cref="Factor"/> in one cell: damped where the cell's new commune is in the drug-free programme.</summary>
    public double Factor(int unit, string postMergerCode, int month) =>
        Factor(unit, month) * (InProgramme(postMergerCode, MonthStart(month).Year) ? DrugFreeActivity
            : calm.Contains(postMergerCode) ? CalmActivity / plan.BaseFactor[unit] : 1);

    /// <summary>Mean factor over the months in [from, to), without season: drives the stock of managed users.</summary>
    public double MeanFactor(int unit, string postMergerCode, DateOnly from, DateOnly to)
    {
        if (InProgramme(postMergerCode, from.Year)) return DrugFreeUsers;
        if (calm.Contains(postMergerCode)) return CalmUsers;
        var months = Enumerable.Range(MonthOf(from), MonthOf(to) - MonthOf(from)).Where(m => m < MonthCount).ToArray();
        return months.Average(m => Factor(unit, m));
    }

    private bool InProgramme(string postMergerCode, int year) => drugFreeFrom.TryGetValue(postMergerCode, out var from) && year >= from;

    // social distancing April 2020 and the Mekong delta lockdown of August–September 2021
    private static double Covid(int month) => month switch
    {
        15 => 0.5,
        31 or 32 => 0.6,
        _ => 1.0,
    };
}
