using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;

namespace DiaBan.Geo.Import;

/// <summary>An incident that passed every field check, with its point in WGS 84 and (once located) its commune, or the fields' errors.</summary>
public sealed record IncidentCheck(IncidentRow? Row, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Row is not null;
}

/// <summary>The field (column) names of an incident, in files and in the web form alike.</summary>
public static class IncidentColumns
{
    public const string Id = "id", OccurredOn = "occurred_on", Kind = "kind", Persons = "persons", Plants = "plants",
        AreaM2 = "area_m2", Source = "source", RecordedBy = "recorded_by", OccurredAt = "occurred_at";
}

/// <summary>
/// One incident row that passed every field check, with its point in WGS 84 and (once located) its commune. The field
/// rules live here only (<see cref="Parse"/>): the file importer calls it per row (errors as <c>file:row:field</c>) and
/// the web entry form and API call <see cref="Check"/> with the typed fields (the same rule's message next to the field).
/// </summary>
public sealed class IncidentRow
{
    /// <summary>The earliest date an incident may carry (the first year every period type accepts).</summary>
    public static readonly DateOnly Earliest = new(CalendarQuarter.MinYear, 1, 1);

    /// <summary>Longest free text of the source column (the column's length in <c>incident</c>).</summary>
    public const int MaxSource = 200;

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

    /// <summary>The kind as the enum (the stored code read back).</summary>
    public IncidentKind KindValue => SnakeCase.TryParse<IncidentKind>(Kind, out var k) ? k : IncidentKind.Other;

    /// <summary>Today in Vietnam (UTC+7): the latest date an incident may carry (an incident is never in the future).</summary>
    public static DateOnly Today(TimeProvider time) => VietnamTime.Today(time);

    /// <summary>
    /// Checks every field of a table row; returns the row, or null with each bad field recorded in <paramref name="errors"/>.
    /// Without <paramref name="requireId"/> (a web entry: the id is given on verification) the id column is not read.
    /// </summary>
    public static IncidentRow? Parse(TableRow r, PointColumns point, FieldParser parse, ImportErrors errors, DateOnly latest,
        bool requireId = true)
    {
        var before = errors.Count;
        string? id = null;
        if (requireId)
        {
            id = parse.Required(r, IncidentColumns.Id);
            if (id is not null && id.Length > 64) errors.Add(r.Row, IncidentColumns.Id, "id longer than 64 characters");
        }
        var on = parse.Date(r, IncidentColumns.OccurredOn, required: true);
        if (on is { } d && d < Earliest)
            errors.Add(r.Row, IncidentColumns.OccurredOn, $"{d:yyyy-MM-dd} is before {Earliest:yyyy-MM-dd} / ngày trước năm {Earliest.Year}");
        else if (on is { } f && f > latest)
            errors.Add(r.Row, IncidentColumns.OccurredOn, $"{f:yyyy-MM-dd} is after today {latest:yyyy-MM-dd} / ngày ở tương lai");
        var kind = parse.Enum<IncidentKind>(r, IncidentColumns.Kind, required: true);
        var persons = parse.Int(r, IncidentColumns.Persons, required: false) ?? 1;
        if (kind == IncidentKind.Arrest && persons < 1 && r.Get(IncidentColumns.Persons) is not null)
            errors.Add(r.Row, IncidentColumns.Persons, "an arrest needs persons ≥ 1 / vụ bắt giữ phải có ít nhất 1 người");
        var plants = parse.Int(r, IncidentColumns.Plants, required: false);
        var area = parse.Double(r, IncidentColumns.AreaM2, required: false, min: 0);
        var source = r.Get(IncidentColumns.Source);
        if (source is { Length: > MaxSource }) errors.Add(r.Row, IncidentColumns.Source, "longer than 200 characters");
        var recordedBy = r.Get(IncidentColumns.RecordedBy);
        if (recordedBy is { Length: > 200 }) errors.Add(r.Row, IncidentColumns.RecordedBy, "longer than 200 characters / dài quá 200 ký tự");
        var at = parse.Time(r, IncidentColumns.OccurredAt);
        var p = point.Read(r, parse, errors);
        if (errors.Count > before) return null;
        return new IncidentRow
        {
            Line = r.Row, ExternalId = id ?? "", OccurredOn = on!.Value, Kind = SnakeCase.Of(kind!.Value), Persons = persons,
            Plants = plants, AreaM2 = area, Source = source, RecordedBy = recordedBy, OccurredAt = at, Lon = p!.Value.Lon, Lat = p.Value.Lat,
        };
    }

    /// <summary>The error of a point no commune valid on its date covers (named on the x or lon field).</summary>
    public static string OutsideEveryCommune(double lon, double lat, DateOnly on, string? provinceCode = null) =>
        $"point ({lon:0.######}, {lat:0.######}) lies outside every commune" +
        $"{(provinceCode is null ? "" : $" of province {provinceCode}")} valid on {on:yyyy-MM-dd}" +
        " / điểm nằm ngoài mọi xã";

    /// <summary>
    /// The same rules for one incident typed on the web: the fields by their file column names (<c>occurred_on</c>,
    /// <c>kind</c>, <c>lon</c>/<c>lat</c> or <c>x</c>/<c>y</c>…), each error with its field and the importer's message.
    /// </summary>
    public static IncidentCheck Check(IReadOnlyDictionary<string, string?> fields, PointColumns point, DateOnly latest)
    {
        var errors = new ImportErrors("form");
        var row = Parse(TableRow.Of(fields), point, new FieldParser(errors), errors, latest, requireId: false);
        return new IncidentCheck(row, errors.All.Select(e => new FieldError(e.Field, e.Message)).ToList());
    }
}
