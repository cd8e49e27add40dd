using DiaBan.Analytics.Domain;
using DiaBan.Geo.Data;

namespace DiaBan.Geo.Import;

/// <summary>One incident row of a file that passed every field check, with its point in WGS 84 and (once located) its commune.</summary>
public sealed class IncidentRow
{
    public required int Line { get; init; }
    public required string ExternalId { get; init; }
    public required DateOnly OccurredOn { get; init; }
    /// <summary>The kind as stored (snake_case).</summary>
    public required string Kind { get; init; }
    public required int Persons { get; init; }
    public int? Plants { get; init; }
    public double? AreaM2 { get; init; }
    public string? Source { get; init; }
    /// <summary>The unit that recorded it (optional column recorded_by).</summary>
    public string? RecordedBy { get; init; }
    /// <summary>Time of day (optional column occurred_at, HH:mm).</summary>
    public TimeOnly? OccurredAt { get; init; }
    public required double Lon { get; init; }
    public required double Lat { get; init; }
    /// <summary>The commune valid on OccurredOn that covers the point; set by <see cref="CommuneLocator"/>.</summary>
    public int? UnitId { get; set; }

    /// <summary>Checks every field of a table row; returns the row, or null with each bad field recorded in <paramref name="errors"/>.</summary>
    public static IncidentRow? Parse(TableRow r, PointColumns point, FieldParser parse, ImportErrors errors)
    {
        var before = errors.Count;
        var id = parse.Required(r, "id");
        if (id is not null && id.Length > 64) errors.Add(r.Row, "id", "id longer than 64 characters");
        var on = parse.Date(r, "occurred_on", required: true);
        var kind = parse.Enum<IncidentKind>(r, "kind", required: true);
        var persons = parse.Int(r, "persons", required: false) ?? 1;
        var plants = parse.Int(r, "plants", required: false);
        var area = parse.Double(r, "area_m2", required: false, min: 0);
        var source = r.Get("source");
        if (source is { Length: > 200 }) errors.Add(r.Row, "source", "longer than 200 characters");
        var recordedBy = r.Get("recorded_by");
        if (recordedBy is { Length: > 200 }) errors.Add(r.Row, "recorded_by", "longer than 200 characters / dài quá 200 ký tự");
        var at = parse.Time(r, "occurred_at");
        var p = point.Read(r, parse, errors);
        if (errors.Count > before) return null;
        return new IncidentRow
        {
            Line = r.Row, ExternalId = id!, OccurredOn = on!.Value, Kind = SnakeCase.Of(kind!.Value), Persons = persons,
            Plants = plants, AreaM2 = area, Source = source, RecordedBy = recordedBy, OccurredAt = at, Lon = p!.Value.Lon, Lat = p.Value.Lat,
        };
    }
}
