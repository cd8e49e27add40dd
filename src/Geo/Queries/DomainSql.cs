using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;

namespace DiaBan.Geo.Queries;

/// <summary>
/// SQL expressions for the domain types whose rules live in C# (<see cref="CalendarQuarter"/>, the status severity
/// order), generated from those definitions so a query never restates them.
/// </summary>
public static class DomainSql
{
    /// <summary>The <see cref="CalendarQuarter.Ordinal"/> of a date column, as int.</summary>
    public static string QuarterOrdinal(string dateExpression) =>
        $"(extract(year FROM {dateExpression})::int * 4 + (extract(month FROM {dateExpression})::int - 1) / 3)";

    /// <summary><see cref="CommuneStatusInfo.Severity"/> of a stored status code column (NULL for an unknown code and
    /// for insufficient data, which is not ranked).</summary>
    public static string StatusSeverity(string statusExpression) =>
        $"(CASE {statusExpression} "
        + string.Join(" ", CommuneStatusInfo.All.Where(s => s.IsRanked()).Select(s => $"WHEN '{s.Code()}' THEN {s.Severity()}"))
        + " END)";

    /// <summary>The unit version of table alias <paramref name="alias"/> in force on <paramref name="day"/> (an SQL date
    /// expression): validity is [valid_from, valid_to), open at the end when valid_to is NULL.</summary>
    public static string ValidOn(string alias, string day) =>
        $"{alias}.valid_from <= {day} AND ({alias}.valid_to IS NULL OR {day} < {alias}.valid_to)";
}
