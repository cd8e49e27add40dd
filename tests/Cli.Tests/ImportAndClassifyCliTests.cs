
namespace DiaBan.Cli.Tests;

/// <summary>The documented example files imported and classified through the command line.</summary>
public class ImportAndClassifyCliTests(ImportAndClassifyCliTests.Fixture fx) : IClassFixture<ImportAndClassifyCliTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public List<CliRunner.Run> Runs { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            string Example(string f) => RepoPaths.Repo("data", "examples", f);
            string[][] commands =
            [
                ["import", "boundaries", Example("province.geojson"), "--level", "province", "--valid-from", "2020-01-01",
                    "--code-field", "code", "--name-field", "name"],
                ["import", "boundaries", Example("communes.geojson"), "--level", "commune", "--valid-from", "2020-01-01",
                    "--code-field", "code", "--name-field", "name", "--parent-code-field", "province_code", "--population-field", "population"],
                ["import", "incidents", Example("incidents.csv"), "--province", "96"],
                ["import", "indicators", Example("indicators.csv")],
                ["import", "businesses", Example("businesses.csv")],
                ["classify", "--year", "2024"],
                ["import", "targets", Example("targets.csv")],
            ];
            foreach (var c in commands) Runs.Add(await CliRunner.RunAsync(ConnectionString, c));
        }
    }

    [Fact]
    public void Every_example_import_succeeds_and_reports_its_count()
    {
        Assert.All(fx.Runs, r => Assert.True(r.ExitCode == 0, r.Err));
        Assert.StartsWith("communes.geojson: 3 inserted", fx.Runs[1].Out);
        Assert.StartsWith("incidents.csv: 8 inserted", fx.Runs[2].Out);
        Assert.StartsWith("indicators.csv: 3 inserted", fx.Runs[3].Out);
        Assert.StartsWith("targets.csv: 6 inserted", fx.Runs[6].Out);
    }

    [Fact]
    public async Task Classify_stores_one_assessment_per_commune_with_the_3122_rules_for_2024()
    {
        Assert.StartsWith("2024: 3 communes, rule set decision-3122-2010 v1", fx.Runs[5].Out);
        Assert.Equal(3L, await fx.ScalarAsync<long>("SELECT count(*) FROM status_assessment WHERE year = 2024 AND regime = '3122'"));
    }

    [Fact]
    public async Task A_bad_file_exits_1_lists_file_row_field_and_changes_nothing()
    {
        using var tmp = new TempFiles();
        var bad = tmp.Write("bad.csv", "id,occurred_on,kind,lon,lat\nN-1,2024-02-30,arrest,105.05,9.15\nN-2,2024-03-01,arrest,106.70,10.77\n");
        var before = await fx.ScalarAsync<long>("SELECT count(*) FROM incident");
        var run = await CliRunner.RunAsync(fx.ConnectionString, "import", "incidents", bad, "--province", "96");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.csv:2:occurred_on: '2024-02-30' is not an ISO date", run.Err);
        Assert.Contains("nothing was written", run.Err);
        Assert.Equal(before, await fx.ScalarAsync<long>("SELECT count(*) FROM incident"));
        // once the date is fixed, the point outside the province is the remaining error
        var bad2 = tmp.Write("bad2.csv", "id,occurred_on,kind,lon,lat\nN-1,2024-02-28,arrest,105.05,9.15\nN-2,2024-03-01,arrest,106.70,10.77\n");
        var run2 = await CliRunner.RunAsync(fx.ConnectionString, "import", "incidents", bad2, "--province", "96");
        Assert.Equal(1, run2.ExitCode);
        Assert.Contains("bad2.csv:3:lon: point (106.7, 10.77) lies outside every commune of province 96", run2.Err);
        Assert.Equal(before, await fx.ScalarAsync<long>("SELECT count(*) FROM incident"));
    }

    [Fact]
    public async Task Db_status_reports_migrations_and_counts_of_the_configured_database()
    {
        var run = await CliRunner.RunAsync(fx.ConnectionString, "db", "status");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 pending", run.Out);
        Assert.Contains("communes: 3", run.Out);
    }
    [Fact]
    public async Task An_xlsx_bomb_exits_1_with_a_message_instead_of_running_out_of_memory()
    {
        using var tmp = new TempFiles();
        var bomb = tmp.PathOf("bomb.xlsx");
        XlsxBomb.Write(bomb);
        var before = await fx.ScalarAsync<long>("SELECT count(*) FROM incident");
        var run = await CliRunner.RunAsync(fx.ConnectionString, "import", "incidents", bomb);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bomb.xlsx:0:xlsx: part xl/worksheets/sheet1.xml would expand", run.Err);
        Assert.Contains("nothing was written", run.Err);
        Assert.Equal(before, await fx.ScalarAsync<long>("SELECT count(*) FROM incident"));
        Assert.Equal(1L, await fx.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE action = 'import_failed' AND details->>'file' = 'bomb.xlsx'"));
    }
}
