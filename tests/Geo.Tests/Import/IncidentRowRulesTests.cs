using System.Globalization;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;
using DiaBan.Testing;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// The incident field rules have one home (<see cref="IncidentRow"/>): a file's row and the web form's fields get the
/// same errors, word for word — the importer prefixes file:row, the form shows the message next to the field.
/// </summary>
public sealed class IncidentRowRulesTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private readonly TempFiles _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>Every error of one CSV data row (header + row) through the importer's path: TableFile → FieldParser → Parse.</summary>
    private List<ImportError> FileErrors(int epsg, IReadOnlyDictionary<string, string?> fields, out IncidentRow? row)
    {
        var columns = new[] { "id" }.Concat(fields.Keys).ToList();
        static string Cell(string? v) => v is null ? "" : "\"" + v.Replace("\"", "\"\"") + "\"";
        var path = _tmp.Write("rules.csv", string.Join(",", columns) + "\n" + string.Join(",", new[] { "R1" }.Concat(fields.Values).Select(Cell)) + "\n");
        var table = TableFile.Read(path);
        var errors = new ImportErrors(table.Name);
        var point = PointColumns.Detect(table, epsg == CoordinateSystems.Wgs84 ? null : epsg);
        row = IncidentRow.Parse(table.Rows.Single(), point, new FieldParser(errors), errors, Today);
        return errors.All.ToList();
    }

    private static IncidentCheck FormCheck(int epsg, IReadOnlyDictionary<string, string?> fields) =>
        IncidentRow.Check(fields, PointColumns.For(epsg), Today);

    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    public static TheoryData<string, string, string?, string> BadFields => new()
    {
        // field, value, then what the rule says
        { "occurred_on", "2027-01-02", null, "2027-01-02 is after today 2026-11-30 / ngày ở tương lai" },
        { "occurred_on", "1989-12-31", null, "1989-12-31 is before 1990-01-01 / ngày trước năm 1990" },
        { "occurred_on", "31/12/2025", null, "'31/12/2025' is not an ISO date yyyy-MM-dd / ngày không hợp lệ" },
        { "kind", "robbery", null, "'robbery' is not one of arrest|seizure|use_site|dealing_site|plant_site|inspection_violation|tip|other" },
        { "persons", "-1", null, "-1 is below the minimum 0 / nhỏ hơn giá trị tối thiểu" },
        { "persons", "0", "arrest", "an arrest needs persons ≥ 1 / vụ bắt giữ phải có ít nhất 1 người" },
        { "persons", "1.5", null, "'1.5' is not a whole number / không phải số nguyên" },
        { "plants", "-3", null, "-3 is below the minimum 0 / nhỏ hơn giá trị tối thiểu" },
        { "area_m2", "abc", null, "'abc' is not a number (use '.' as decimal point) / không phải số" },
        { "area_m2", "-2", null, "-2 is below the minimum 0 / nhỏ hơn giá trị tối thiểu" },
        { "occurred_at", "25:00", null, "'25:00' is not a time of day HH:mm / giờ không hợp lệ" },
        { "source", new string('s', 201), null, "longer than 200 characters" },
        { "recorded_by", new string('r', 201), null, "longer than 200 characters / dài quá 200 ký tự" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void A_bad_field_gets_the_same_message_from_the_importer_and_the_form(string field, string value, string? kind, string message)
    {
        var fields = Fields(("occurred_on", "2026-06-15"), ("kind", kind ?? "seizure"), ("persons", "1"), ("plants", null), ("area_m2", null),
            ("occurred_at", null), ("source", null), ("recorded_by", null), ("lon", "105.05"), ("lat", "9.15"));
        fields[field] = value;

        var file = FileErrors(CoordinateSystems.Wgs84, fields, out var row);
        var form = FormCheck(CoordinateSystems.Wgs84, fields);

        Assert.Null(row);
        Assert.Null(form.Row);
        Assert.Equal($"rules.csv:2:{field}: {message}", Assert.Single(file).ToString());
        Assert.Equal(new FieldError(field, message), Assert.Single(form.Errors));
    }

    [Fact]
    public void Points_outside_vietnam_and_swapped_vn2000_axes_are_named_alike()
    {
        var (x, y) = CoordinateSystems.FromWgs84(9207, 105.05, 9.15);
        string N(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
        var swapped = Fields(("occurred_on", "2026-06-15"), ("kind", "use_site"), ("x", N(y)), ("y", N(x)));
        var fileErrors = FileErrors(9207, swapped, out _);
        var formErrors = FormCheck(9207, swapped).Errors;
        Assert.StartsWith("X/Y look swapped", Assert.Single(formErrors).Message);
        Assert.Equal("x", formErrors[0].Field);
        Assert.Equal($"rules.csv:2:x: {formErrors[0].Message}", Assert.Single(fileErrors).ToString());

        var paris = Fields(("occurred_on", "2026-06-15"), ("kind", "use_site"), ("lon", "2.35"), ("lat", "48.85"));
        var outside = Assert.Single(FormCheck(CoordinateSystems.Wgs84, paris).Errors);
        Assert.Equal("lon", outside.Field);
        Assert.Contains("lies outside Vietnam", outside.Message);
        Assert.Equal($"rules.csv:2:lon: {outside.Message}", Assert.Single(FileErrors(CoordinateSystems.Wgs84, paris, out _)).ToString());
    }

    [Fact]
    public void A_good_row_reads_the_same_values_from_a_file_and_from_the_form_and_vn2000_lands_on_the_wgs84_point()
    {
        var (x, y) = CoordinateSystems.FromWgs84(9207, 105.05, 9.15);
        var fields = Fields(("occurred_on", "2026-06-15"), ("kind", "plant_site"), ("persons", "0"), ("plants", "150"), ("area_m2", "40.5"),
            ("occurred_at", "21:30"), ("source", "patrol"), ("recorded_by", "Công an xã"),
            ("x", x.ToString("F3", CultureInfo.InvariantCulture)), ("y", y.ToString("F3", CultureInfo.InvariantCulture)));
        Assert.Empty(FileErrors(9207, fields, out var fromFile));
        var form = FormCheck(9207, fields);
        Assert.Empty(form.Errors);
        var fromForm = form.Row!;
        Assert.Equal("R1", fromFile!.ExternalId);
        Assert.Equal("", fromForm.ExternalId); // the form's id is given on verification (web-{id})
        foreach (var r in new[] { fromFile, fromForm })
        {
            Assert.Equal((new DateOnly(2026, 6, 15), "plant_site", 0, 150, 40.5, "patrol", "Công an xã", new TimeOnly(21, 30)),
                (r.OccurredOn, r.Kind, r.Persons, r.Plants, r.AreaM2, r.Source, r.RecordedBy, r.OccurredAt));
            Assert.Equal(105.05, r.Lon, 1e-7);
            Assert.Equal(9.15, r.Lat, 1e-7);
        }
        // persons defaults to 1 when empty, in both
        fields["persons"] = null;
        Assert.Equal(1, FormCheck(9207, fields).Row!.Persons);
    }
}
