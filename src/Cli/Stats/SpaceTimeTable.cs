using System.Globalization;
using DiaBan.Geo.Import;

namespace DiaBan.Cli.Stats;

/// <summary>
/// A long table (unit, period, value) turned into a cube aligned with the polygons: cube[feature][period]. Periods are
/// ordered numerically when they are all numbers, else as text (2024Q1, 2024-03, ISO dates sort correctly); a unit
/// without a row for a period gets 0 (counts: nothing recorded) and the output says how many cells were filled so.
/// </summary>
public sealed record SpaceTimeTable(IReadOnlyList<string> Periods, double[][] Cube, int FilledWithZero, IReadOnlyList<string> UnknownUnits)
{
    public static SpaceTimeTable Read(string path, string unitField, string periodField, string valueField, IReadOnlyList<string?> featureUnits)
    {
        TableFile table;
        try
        {
            table = TableFile.Read(path);
            table.RequireColumns(unitField, periodField, valueField);
        }
        catch (ImportException e)
        {
            throw new StatsInputException(e.Message);
        }
        var rows = new List<(string Unit, string Period, double Value)>();
        var errors = new List<string>();
        foreach (var row in table.Rows)
        {
            var unit = row.Get(unitField);
            var period = row.Get(periodField);
            var text = row.Get(valueField);
            if (unit is null || period is null) errors.Add($"{table.Name}:{row.Row}: missing {unitField} or {periodField}");
            else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                errors.Add($"{table.Name}:{row.Row}:{valueField}: '{text}' is not a number / không phải số");
            else rows.Add((unit, period, value));
        }
        var duplicates = rows.GroupBy(r => (r.Unit, r.Period)).Where(g => g.Count() > 1).Take(5).ToList();
        errors.AddRange(duplicates.Select(g => $"{table.Name}: unit {g.Key.Unit} has {g.Count()} rows for period {g.Key.Period} / trùng dòng"));
        if (errors.Count > 0) throw new StatsInputException(string.Join(Environment.NewLine, errors.Take(20)));

        var periods = rows.Select(r => r.Period).Distinct().ToList();
        periods = periods.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? periods.OrderBy(p => double.Parse(p, CultureInfo.InvariantCulture)).ToList()
            : periods.Order(StringComparer.Ordinal).ToList();
        var column = periods.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var featureOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < featureUnits.Count; i++)
        {
            if (featureUnits[i] is { } id && !featureOf.TryAdd(id, i))
                throw new StatsInputException($"polygon id '{id}' appears on more than one feature / mã đơn vị bị trùng");
        }
        var cube = featureUnits.Select(_ => Enumerable.Repeat(double.NaN, periods.Count).ToArray()).ToArray();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (unit, period, value) in rows)
        {
            if (featureOf.TryGetValue(unit, out var f)) cube[f][column[period]] = value;
            else unknown.Add(unit);
        }
        var filled = 0;
        foreach (var series in cube)
        {
            for (var t = 0; t < series.Length; t++)
            {
                if (!double.IsNaN(series[t])) continue;
                series[t] = 0;
                filled++;
            }
        }
        return new SpaceTimeTable(periods, cube, filled, unknown.ToArray());
    }
}
