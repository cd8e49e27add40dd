using System.Globalization;
using System.Text;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Import;
using DiaBan.Testing;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// The incident importer's fast path (a CSV's cells read as spans, <see cref="IncidentFastParse"/>) keeps the general
/// path's behaviour exactly: on generated files full of edge cases (quoted cells, spaces, blank optional cells, short and
/// blank rows, Excel dates and times, boundary dates, swapped or foreign points, VN-2000 coordinates) both paths keep the
/// same rows with the same values and record the same errors (file, row, field, message) in the same order.
/// </summary>
public class IncidentFastParseTests : IDisposable
{
    private static readonly DateOnly Latest = new(2025, 6, 30);
    private readonly TempFiles _tmp = new();

    public void Dispose() => _tmp.Dispose();

    public static TheoryData<int, int, char> Files => new()
    {
        { 1, CoordinateSystems.Wgs84, ',' },
        { 2, CoordinateSystems.Wgs84, ';' },
        { 3, CoordinateSystems.Vn2000Geographic, ',' },
        { 4, 3405, ',' }, // VN-2000 / UTM 48N: x,y columns
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Fast_and_general_paths_keep_the_same_rows_and_errors(int seed, int epsg, char delimiter)
    {
        var path = Generate(seed, epsg, delimiter, rows: 6_000);
        var table = TableFile.Read(path);
        var point = PointColumns.Detect(table, epsg == CoordinateSystems.Wgs84 ? null : epsg);

        var (fastRows, fastErrors) = CheckAll(table, point, fast: true);
        var (generalRows, generalErrors) = CheckAll(table, point, fast: false);

        Assert.Equal(generalErrors.Count, fastErrors.Count);
        Assert.Equal(generalErrors.All, fastErrors.All); // file, row, field and message, in file order
        Assert.Equal(generalRows.Count, fastRows.Count);
        for (var i = 0; i < generalRows.Count; i++) Assert.Equal(Describe(generalRows[i]), Describe(fastRows[i]));
        // the file really tests both: good rows and bad rows of many kinds
        Assert.InRange(generalRows.Count, 2_500, 5_000);
        Assert.True(generalErrors.Count > 500, $"{generalErrors.Count} errors");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_row_the_fast_parse_takes_is_the_row_the_general_rules_make(int seed, int epsg, char delimiter)
    {
        var path = Generate(seed, epsg, delimiter, rows: 6_000);
        var table = TableFile.Read(path);
        var point = PointColumns.Detect(table, epsg == CoordinateSystems.Wgs84 ? null : epsg);
        var spans = new IncidentFastParse(table, point, Latest);
        var texts = new TextCache();
        int taken = 0, left = 0;
        foreach (var chunk in CsvReader.Chunks(path, 1_000))
            for (var i = 0; i < chunk.Count; i++)
            {
                var errors = new ImportErrors(table.Name);
                var general = IncidentRow.Parse(chunk.ToTableRow(i, table.Columns), point, new FieldParser(errors), errors, Latest);
                if (spans.TryParse(chunk, i, texts) is { } fast)
                {
                    taken++;
                    Assert.NotNull(general);
                    Assert.Equal(Describe(general), Describe(fast));
                }
                else left++;
            }
        // most good rows take the fast path; every bad row and the uncommon forms go the general way
        Assert.True(taken > 2_500, $"fast path took {taken} rows");
        Assert.True(left > 500, $"general path took {left} rows");
    }

    [Fact]
    public void An_error_in_a_csv_is_named_as_before()
    {
        var path = _tmp.Write("bad.csv",
            "id,occurred_on,kind,lon,lat,persons,source\n" +
            "A1,2024-01-05,arrest,105.05,9.15,2,\"tuần tra, xã\"\n" +
            "A2,2024-13-05,arrest,105.05,9.15,0,\n" +
            "\n" +
            "A3,2024-01-05,bogus,9.15,105.05,x,\n" +
            " ,2024-01-05,Seizure,105.05,9.15,,\n");
        var table = TableFile.Read(path);
        var point = PointColumns.Detect(table, null);
        var (rows, errors) = CheckAll(table, point, fast: true);

        Assert.Equal(["A1"], rows.Select(r => r.ExternalId));
        Assert.Equal("tuần tra, xã", rows[0].Source);
        var found = errors.All.Select(e => $"{e.File}:{e.Row}:{e.Field}: {e.Message}").ToList();
        Assert.Equal(
        [
            "bad.csv:3:occurred_on: '2024-13-05' is not an ISO date yyyy-MM-dd / ngày không hợp lệ",
            "bad.csv:3:persons: an arrest needs persons ≥ 1 / vụ bắt giữ phải có ít nhất 1 người",
            "bad.csv:5:kind: 'bogus' is not one of arrest|seizure|use_site|dealing_site|plant_site|inspection_violation|tip|other",
            "bad.csv:5:persons: 'x' is not a whole number / không phải số nguyên",
            "bad.csv:5:lon: longitude/latitude look swapped: x=9.15 looks like a latitude and y=105.05 like a longitude; swap the columns. Kinh độ/vĩ độ có vẻ bị đảo.",
            "bad.csv:6:id: required value is empty / thiếu giá trị bắt buộc",
        ], found);
        Assert.Equal(found, CheckAll(table, point, fast: false).Errors.All.Select(e => $"{e.File}:{e.Row}:{e.Field}: {e.Message}"));
    }

    private static (List<IncidentRow> Rows, ImportErrors Errors) CheckAll(TableFile table, PointColumns point, bool fast)
    {
        var errors = new ImportErrors(table.Name) { KeepAll = true };
        var rows = IncidentPipeline.Checked(table, point, errors, Latest, communes: null, provinceCode: null, fast).SelectMany(c => c).ToList();
        return (rows, errors);
    }

    // every stored value, doubles by their bits (-0 and 0 differ)
    private static string Describe(IncidentRow r) => string.Join("|", r.Line, r.ExternalId, r.OccurredOn.ToString("O"), r.Kind, r.Persons,
        r.Plants?.ToString(CultureInfo.InvariantCulture) ?? "∅", r.AreaM2 is { } a ? BitConverter.DoubleToInt64Bits(a) : "∅", r.Source ?? "∅",
        r.RecordedBy ?? "∅", r.OccurredAt?.ToString("O") ?? "∅", BitConverter.DoubleToInt64Bits(r.Lon), BitConverter.DoubleToInt64Bits(r.Lat));

    private string Generate(int seed, int epsg, char delimiter, int rows)
    {
        var rnd = new Random(seed);
        string Pick(params string[] xs) => xs[rnd.Next(xs.Length)];
        var plain = false; // half the rows have no odd cell: the common file
        string Often(string usual, params string[] odd) => !plain && rnd.Next(3) == 0 ? Pick(odd) : usual;
        string Quote(string v) => v.Contains(delimiter) || v.Contains('"') || v.Contains('\n') || rnd.Next(10) == 0
            ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        var projected = CoordinateSystems.Get(epsg).IsProjected;
        var (xName, yName) = projected ? ("X", "y") : ("LON", "lat");
        var sb = new StringBuilder();
        // columns in an unusual order, names in other cases and padded, an extra column, a repeated name (the first counts)
        sb.AppendJoin(delimiter, [" ID ", "Kind", "occurred_on", xName, yName, "persons", "plants", "area_m2", "source", "recorded_by",
            "occurred_at", "note", "persons"]).Append("\r\n");
        var day = Latest.AddDays(1);
        for (var n = 0; n < rows; n++)
        {
            if (rnd.Next(200) == 0) { sb.Append(rnd.Next(2) == 0 ? "\r\n" : new string(delimiter, 12) + "\n"); continue; } // blank rows
            plain = rnd.Next(2) == 0;
            var lon = 102.2 + rnd.NextDouble() * 7.0;
            var lat = 8.7 + rnd.NextDouble() * 14.5;
            var (x, y) = CoordinateSystems.FromWgs84(epsg, lon, lat);
            var xs = Math.Round(x, projected ? 3 : 7).ToString(CultureInfo.InvariantCulture);
            var ys = Math.Round(y, projected ? 3 : 7).ToString(CultureInfo.InvariantCulture);
            string[] cells =
            [
                Often($"E{seed}-{n}", "", "  ", $" E{seed}-{n} ", $"E,{n}", $"\"q\"{n}", new string('x', 64) + n % 10, new string('y', 65), $"Mã-đ{n}"),
                Often(Pick("arrest", "seizure", "use_site", "dealing_site", "plant_site", "inspection_violation", "tip", "other"),
                    "Arrest", " seizure ", "ARREST", "UseSite", "use-site", "bogus", "", "plant_site "),
                Often(new DateOnly(2019, 1, 1).AddDays(rnd.Next(2000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "1990-01-01", "1989-12-31", Latest.ToString("yyyy-MM-dd"), day.ToString("yyyy-MM-dd"), "2024-02-29", "2023-02-29",
                    " 2024-03-01 ", "2024-1-5", "45000", "45000.75", "05/01/2024", "", "0000-01-01", "2024-00-10", "２０２４-01-01"),
                Often(xs, "", $" {xs} ", ys, "1e2", "abc", "NaN", "105,5", "Infinity"),
                Often(ys, "", xs, $"{ys} ", "-0", "9.15e0"),
                Often(Pick("", "1", "2", "3"), "0", "-1", "+3", " 4 ", "2.0", "2.5", "x", "2147483648", "-0"),
                Often("", "0", "12", "-3", "7.0", "1e3", " 5"),
                Often("", "0", "-0", "1.5", "1e3", "-1", "NaN", "Infinity", "1,5", "  2.25 "),
                Often(Pick("", "tuần tra", "tip"), "  ", $"a{delimiter} \"b\"", "dòng 1\ndòng 2", new string('s', 200), new string('s', 201),
                    " padded ", "x" + new string('z', 70)),
                Often("", "Công an xã", new string('r', 200), new string('r', 201), " CA ", "\t"),
                Often("", "07:30", "7:30", "07:30:15", "24:00", "0.5", "1.2", "7h30", " 23:59 ", "12:60", "0.999999"),
                Often("", "ghi chú"),
                "ignored",
            ];
            var keep = rnd.Next(40) == 0 ? rnd.Next(3, cells.Length) : cells.Length; // short rows: the missing cells are blank
            sb.AppendJoin(delimiter, cells.Take(keep).Select(Quote)).Append(rnd.Next(2) == 0 ? "\n" : "\r\n");
        }
        return _tmp.Write($"incidents-{seed}.csv", sb.ToString());
    }
}
