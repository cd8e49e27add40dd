using System.Text;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// The optional incident columns recorded_by (the unit that recorded it) and occurred_at (time of day): carried by the
/// binary COPY on the fast path and on the staged path (a repeated id), from CSV and XLSX, and a bad value named
/// file:row:field with nothing written.
/// </summary>
public class IncidentRecorderImportTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly TempFiles _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private async Task BoundariesAsync()
    {
        if (await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit") > 0) return;
        await using var db = fx.CreateDb();
        await Examples.ImportBoundariesAsync(db);
    }

    private string Csv(string name, params string[] lines)
    {
        var path = _tmp.PathOf(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    private async Task<string> RowAsync(string externalId) => await fx.ScalarAsync<string>($"""
        SELECT COALESCE(recorded_by, '∅') || '|' || COALESCE(to_char(occurred_at, 'HH24:MI:SS'), '∅') FROM incident WHERE external_id = '{externalId}'
        """);

    [Fact]
    public async Task Csv_columns_arrive_on_the_fast_path()
    {
        await BoundariesAsync();
        var csv = Csv("fast.csv",
            "id,occurred_on,kind,lon,lat,recorded_by,occurred_at",
            "R-1,2024-05-01,arrest,105.05,9.05,Phòng PC04 Công an tỉnh,22:15",
            "R-2,2024-05-02,seizure,105.05,9.05,Công an xã Tân Phú,7:05",
            "R-3,2024-05-03,seizure,105.05,9.05,,");
        await using var db = fx.CreateDb();
        var result = await new IncidentImporter(db).ImportAsync(csv);
        Assert.Equal(3, result.Inserted);
        Assert.Equal("Phòng PC04 Công an tỉnh|22:15:00", await RowAsync("R-1"));
        Assert.Equal("Công an xã Tân Phú|07:05:00", await RowAsync("R-2"));
        Assert.Equal("∅|∅", await RowAsync("R-3"));
    }

    [Fact]
    public async Task Xlsx_times_as_fractions_of_a_day_and_the_staged_path_keep_the_columns()
    {
        await BoundariesAsync();
        var xlsx = _tmp.PathOf("times.xlsx");
        XlsxWriter.Write(xlsx,
        [
            ["id", "occurred_on", "kind", "lon", "lat", "recorded_by", "occurred_at"],
            ["S-1", "2024-06-01", "arrest", 105.05, 9.05, "Công an xã A", 0.75],
            ["S-2", "2024-06-02", "arrest", 105.05, 9.05, "Công an xã A", "23:59:30"],
            ["S-1", "2024-06-03", "arrest", 105.05, 9.05, "Công an xã B", 0.25], // repeats row 2: the COPY is redone through the stage
        ]);
        await using var db = fx.CreateDb();
        var result = await new IncidentImporter(db).ImportAsync(xlsx, rejectsPath: _tmp.PathOf("rejects.csv"));
        Assert.Equal(2, result.Inserted);
        Assert.Equal(1, result.Rejected);
        Assert.Equal("Công an xã A|18:00:00", await RowAsync("S-1"));
        Assert.Equal("Công an xã A|23:59:30", await RowAsync("S-2"));
    }

    [Fact]
    public async Task A_bad_time_or_an_overlong_unit_is_named_by_file_row_and_field_and_nothing_is_written()
    {
        await BoundariesAsync();
        var csv = Csv("bad.csv",
            "id,occurred_on,kind,lon,lat,recorded_by,occurred_at",
            "B-1,2024-05-01,arrest,105.05,9.05,Công an xã,25:00",
            $"B-2,2024-05-01,arrest,105.05,9.05,{new string('x', 201)},10:00",
            "B-3,2024-05-01,arrest,105.05,9.05,Công an xã,10h30");
        var before = await fx.ScalarAsync<long>("SELECT count(*) FROM incident");
        await using var db = fx.CreateDb();
        var ex = await Assert.ThrowsAsync<ImportException>(() => new IncidentImporter(db).ImportAsync(csv));
        Assert.Equal(["bad.csv:2:occurred_at", "bad.csv:3:recorded_by", "bad.csv:4:occurred_at"],
            ex.Errors.Select(e => $"{e.File}:{e.Row}:{e.Field}"));
        Assert.Equal(before, await fx.ScalarAsync<long>("SELECT count(*) FROM incident"));
    }
}
