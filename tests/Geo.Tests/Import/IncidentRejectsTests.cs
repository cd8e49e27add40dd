using System.Globalization;
using System.Text;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// A 300,000-row incident file with 10 bad rows (issue 9): with --rejects the 299,990 good rows are loaded and the 10 bad
/// ones written with row, field and reason; without it the file is refused and nothing is written.
/// </summary>
public class IncidentRejectsTests(IncidentRejectsTests.Fixture fx) : IClassFixture<IncidentRejectsTests.Fixture>
{
    private const int Rows = 300_000;

    // line (1 = header) → the cells that make it bad and the field the reason names
    private static readonly Dictionary<int, (string Cells, string Field)> Bad = new()
    {
        [1_001] = ("E1001,2024-13-01,arrest,105.05,9.15,1", "occurred_on"),
        [20_002] = ("E20002,2024-02-03,robbery,105.05,9.15,1", "kind"),
        [40_003] = ("E40003,2024-02-03,arrest,abc,9.15,1", "lon"),
        [60_004] = ("E60004,2024-02-03,arrest,105.5,9.5,1", "lon"),          // in Việt Nam, outside every commune
        [80_005] = ("E80005,2024-02-03,arrest,105.05,9.15,-1", "persons"),
        [100_006] = (",2024-02-03,arrest,105.05,9.15,1", "id"),
        [150_007] = ("X2,2024-02-03,arrest,105.05,9.15,1", "id"),            // repeats row 3 (id X2)
        [200_008] = ("X3,2024-02-03,arrest,105.05,9.15,1", "id"),            // repeats row 4
        [250_009] = ("E250009,,arrest,105.05,9.15,1", "occurred_on"),
        [299_999] = ("E299999,2024-02-03,arrest,105.05,,1", "lat"),
    };

    public sealed class Fixture : DatabaseFixture
    {
        private readonly TempFiles _tmp = new();

        public string Csv { get; private set; } = "";
        public string RejectsCsv => _tmp.PathOf("rejects.csv");
        public ImportException Refused { get; private set; } = null!;
        public long AfterRefusal { get; private set; }
        public ImportResult Loaded { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using (var db = CreateDb()) await Examples.ImportBoundariesAsync(db);
            Csv = Write(_tmp.PathOf("incidents.csv"));
            await using (var db = CreateDb())
                Refused = await Assert.ThrowsAsync<ImportException>(() => new IncidentImporter(db).ImportAsync(Csv));
            AfterRefusal = await ScalarAsync<long>("SELECT count(*) FROM incident");
            await using (var db = CreateDb()) Loaded = await new IncidentImporter(db).ImportAsync(Csv, rejectsPath: RejectsCsv);
        }

        // good rows are random points in the three example communes (lon 105.0–105.2, lat 9.0–9.2)
        private static string Write(string path)
        {
            var random = new Random(12);
            using var w = new StreamWriter(path, false, new UTF8Encoding(false));
            w.WriteLine("id,occurred_on,kind,lon,lat,persons");
            for (var line = 2; line <= Rows + 1; line++)
                w.WriteLine(Bad.TryGetValue(line, out var bad) ? bad.Cells : string.Create(CultureInfo.InvariantCulture,
                    $"X{line - 1},2024-{1 + random.Next(12):00}-{1 + random.Next(28):00},seizure,{105.001 + random.NextDouble() * 0.198:F6},{9.001 + random.NextDouble() * 0.198:F6},2"));
            return path;
        }
    }

    [Fact]
    public void Without_rejects_one_bad_row_refuses_the_file_and_every_bad_row_is_named()
    {
        Assert.Equal(0, fx.AfterRefusal);
        Assert.Equal(Bad.Count, fx.Refused.Total);
        Assert.Equal(Bad.Keys.Order(), fx.Refused.Errors.Select(e => e.Row).Distinct().Order());
    }

    [Fact]
    public async Task With_rejects_the_good_rows_are_loaded()
    {
        Assert.Equal(Rows - Bad.Count, fx.Loaded.Inserted);
        Assert.Equal(Bad.Count, fx.Loaded.Rejected);
        Assert.Equal(Rows - Bad.Count, await fx.ScalarAsync<long>($"SELECT count(*) FROM incident WHERE import_batch = '{fx.Loaded.Batch}' AND unit_id IS NOT NULL"));
        // the first occurrence of a repeated id is the one loaded
        Assert.Equal(2, await fx.ScalarAsync<long>("SELECT persons FROM incident WHERE external_id = 'X2'"));
    }

    [Fact]
    public void The_rejects_file_lists_each_bad_row_with_field_and_reason()
    {
        var records = CsvReader.Parse(File.ReadAllText(fx.RejectsCsv).TrimStart('\uFEFF'), ',', "rejects.csv");
        Assert.Equal(["row", "field", "reason", "id", "occurred_on", "kind", "lon", "lat", "persons"], records[0].Cells);
        var rows = records.Skip(1).ToDictionary(r => int.Parse(r.Cells[0]!, CultureInfo.InvariantCulture));
        Assert.Equal(Bad.Keys.Order(), rows.Keys.Order());
        foreach (var (line, bad) in Bad)
        {
            Assert.Equal(bad.Field, rows[line].Cells[1]);
            Assert.False(string.IsNullOrWhiteSpace(rows[line].Cells[2]));
        }
        Assert.Contains("repeats row 3", rows[150_007].Cells[2]);
        Assert.Contains("outside every commune", rows[60_004].Cells[2]);
    }
}
