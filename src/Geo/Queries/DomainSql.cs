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

/// <summary>
/// The spatial key of incidents is their commune: <c>incident</c> has no GiST on its point (its build was the largest
/// statement of a bulk load's rebuild, docs/performance.md, issue 12). Every incident's <c>unit_id</c> is the unit valid
/// on its date whose boundary covers its point (every import and entry locates it so; boundaries are only ever added,
/// never edited in place), so an incident inside an area or box belongs to a unit — of any era — whose boundary's box
/// overlaps it. The admin_unit GiST finds those few units, the <c>(unit_id, occurred_on)</c> btree their incidents,
/// and the caller keeps its exact test on <c>i.geom</c>, so the rows are the same as a scan of every point.
/// An incident without a unit (its unit deleted) is never reached this way: no scoped view shows it either.
/// </summary>
public static class IncidentArea
{
    /// <summary>Predicate: the unit of incident alias <paramref name="incident"/> overlaps <paramref name="area"/> (a geometry
    /// expression in EPSG:4326 — a box, a commune's boundary — over <c>admin_unit area_unit</c> and the relations of
    /// <paramref name="from"/>, e.g. <c>", bounds b"</c>, with the extra condition <paramref name="where"/>), by bounding box:
    /// a superset of the incidents whose point lies in the area, so the caller keeps its exact test. The units are
    /// collected first (an array, one probe of admin_unit's GiST) so the incidents are read by one bitmap scan of
    /// <c>(unit_id, occurred_on)</c> that visits each heap page once (a nested loop over thousands of units, one index
    /// scan each, fetched the rows page by page in random order: 2–3× slower on a national tile). With
    /// <paramref name="scoped"/> only units of <c>scope_units</c> (<see cref="AreaScopeSql"/>) are taken.</summary>
    public static string UnitOverlaps(string incident, string area, string from = "", string? where = null, bool scoped = false) =>
        $"{incident}.unit_id = ANY (ARRAY(SELECT area_unit.id FROM admin_unit area_unit{from} WHERE area_unit.geom && {area}"
        + (where is null ? "" : $" AND {where}")
        + (scoped ? " AND area_unit.id IN (SELECT id FROM scope_units)" : "") + "))";

    /// <summary>
    /// The first (<paramref name="aggregate"/> "min") or last ("max") <c>occurred_on</c> of the incidents of the units
    /// listed by <paramref name="unitsSql"/> (a query of one column, the unit id), with an optional extra condition on
    /// alias <c>i</c>: one probe of the <c>(unit_id, occurred_on)</c> btree per unit (a loose index scan; incident has
    /// no index on <c>occurred_on</c> alone, docs/performance.md, issue 12). With <paramref name="withoutUnit"/> the
    /// incidents that have no unit count too (a national figure).
    /// </summary>
    public static string DayBound(string aggregate, string unitsSql, string condition = "true", bool withoutUnit = false)
    {
        var order = aggregate == "min" ? "" : " DESC";
        var perUnit = $"""
            SELECT (SELECT i.occurred_on FROM incident i WHERE i.unit_id = bound_unit.id AND {condition}
                    ORDER BY i.occurred_on{order} LIMIT 1) AS d
            FROM ({unitsSql}) bound_unit(id)
            """;
        return withoutUnit
            ? $"(SELECT {aggregate}(d) FROM ({perUnit} UNION ALL SELECT {aggregate}(i.occurred_on) FROM incident i WHERE i.unit_id IS NULL AND {condition}) bound)"
            : $"(SELECT {aggregate}(d) FROM ({perUnit}) bound)";
    }
}
