using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Data;

namespace DiaBan.Geo.Import;

/// <summary>
/// The incident field rules of <see cref="IncidentRow.Parse"/> read straight from a <see cref="CsvChunk"/>'s cells as
/// spans: numbers, dates, times and the point parsed without a string, text kept only for the stored text columns. It
/// takes only the rows it can read by the plain form of every rule (ISO date, a kind's stored code, integers, '.'
/// decimals, HH:mm times, a point in Vietnam…) and returns null for any other row, which then goes through
/// <see cref="IncidentRow.Parse"/> itself: so a row is accepted with the same values, or refused with the same errors,
/// as before (IncidentFastParseTests compares both on files of edge cases).
/// </summary>
internal sealed class IncidentFastParse
{
    private readonly int _id, _on, _kind, _persons, _plants, _area, _source, _recordedBy, _at, _x, _y;
    private readonly int _epsg;
    private readonly DateOnly _latest;

    public IncidentFastParse(TableFile table, PointColumns point, DateOnly latest)
    {
        (_id, _on, _kind) = (table.Column(IncidentColumns.Id), table.Column(IncidentColumns.OccurredOn), table.Column(IncidentColumns.Kind));
        (_persons, _plants, _area) = (table.Column(IncidentColumns.Persons), table.Column(IncidentColumns.Plants), table.Column(IncidentColumns.AreaM2));
        (_source, _recordedBy, _at) = (table.Column(IncidentColumns.Source), table.Column(IncidentColumns.RecordedBy), table.Column(IncidentColumns.OccurredAt));
        (_x, _y, _epsg, _latest) = (table.Column(point.XField), table.Column(point.YField), point.Epsg, latest);
    }

    // each kind's stored code with the kind the general rule (SnakeCase.TryParse) reads it as, and that kind's stored code
    private static readonly (string Code, IncidentKind Kind, string Stored)[] Kinds = Enum.GetValues<IncidentKind>()
        .Select(k => SnakeCase.Of(k))
        .Select(code => SnakeCase.TryParse<IncidentKind>(code, out var k) ? (code, k, SnakeCase.Of(k)) : (code, (IncidentKind)(-1), ""))
        .Where(k => k.Item3 != "")
        .ToArray();

    /// <summary>The i-th row of the chunk, or null when a rule needs the general path (a bad row, or an uncommon form).</summary>
    /// <param name="texts">The calling thread's own store of repeated text (sources, units): one string per distinct value.</param>
    public IncidentRow? TryParse(CsvChunk chunk, int i, TextCache texts)
    {
        var id = chunk.Cell(i, _id).Trim();
        if (id.IsEmpty || id.Length > 64) return null;
        if (FieldParser.IsoDate(chunk.Cell(i, _on).Trim()) is not { } on || on < IncidentRow.Earliest || on > _latest) return null;
        var kindText = chunk.Cell(i, _kind).Trim();
        string? kind = null;
        var kindValue = default(IncidentKind);
        foreach (var k in Kinds)
            if (kindText.SequenceEqual(k.Code)) (kind, kindValue) = (k.Stored, k.Kind);
        if (kind is null) return null;
        var personsText = chunk.Cell(i, _persons).Trim();
        var persons = 1;
        if (!personsText.IsEmpty)
        {
            if (!WholeNumber(personsText, out persons)) return null;
            if (kindValue == IncidentKind.Arrest && persons < 1) return null;
        }
        int? plants = null;
        var plantsText = chunk.Cell(i, _plants).Trim();
        if (!plantsText.IsEmpty)
        {
            if (!WholeNumber(plantsText, out var p)) return null;
            plants = p;
        }
        double? area = null;
        var areaText = chunk.Cell(i, _area).Trim();
        if (!areaText.IsEmpty)
        {
            if (!Number(areaText, out var a) || a < 0) return null;
            area = a;
        }
        var source = chunk.Cell(i, _source).Trim();
        if (source.Length > IncidentRow.MaxSource) return null;
        var recordedBy = chunk.Cell(i, _recordedBy).Trim();
        if (recordedBy.Length > 200) return null;
        TimeOnly? at = null;
        var atText = chunk.Cell(i, _at).Trim();
        if (!atText.IsEmpty)
        {
            if (!TimeOnly.TryParseExact(atText, FieldParser.TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return null;
            at = t;
        }
        if (!Number(chunk.Cell(i, _x).Trim(), out var x) || !Number(chunk.Cell(i, _y).Trim(), out var y)) return null;
        (double Lon, double Lat) point;
        try
        {
            point = CoordinateSystems.ToWgs84(_epsg, x, y);
        }
        catch (CoordinateException)
        {
            return null; // named by the general path
        }
        return new IncidentRow
        {
            Line = chunk.Line(i), ExternalId = id.ToString(), OccurredOn = on, Kind = kind, Persons = persons, Plants = plants,
            AreaM2 = area, Source = texts.Of(source), RecordedBy = texts.Of(recordedBy), OccurredAt = at, Lon = point.Lon, Lat = point.Lat,
        };
    }

    // FieldParser.Int's first form (a plain integer, at least 0); anything else goes the general way
    private static bool WholeNumber(ReadOnlySpan<char> v, out int value) =>
        int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= 0;

    // FieldParser.Double's rule: a finite number, '.' as decimal point (an empty span is no number)
    private static bool Number(ReadOnlySpan<char> v, out double value) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

/// <summary>One string per distinct short text (sources and recording units repeat across a file's rows), up to a bound;
/// null for an empty text (the row's blank cell). Used by one thread at a time.</summary>
internal sealed class TextCache
{
    private const int MaxEntries = 4096, MaxLength = 64;
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TextCache() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

    public string? Of(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return null;
        if (text.Length > MaxLength) return text.ToString();
        if (_lookup.TryGetValue(text, out var known)) return known;
        var s = text.ToString();
        if (_set.Count < MaxEntries) _set.Add(s);
        return s;
    }
}
