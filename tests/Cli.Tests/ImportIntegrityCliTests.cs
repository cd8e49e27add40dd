
namespace DiaBan.Cli.Tests;

/// <summary>Issue 9 through the command line: overlapping boundary versions, --supersede, --where, --rejects and import routes.</summary>
public class ImportIntegrityCliTests(ImportIntegrityCliTests.Fixture fx) : IClassFixture<ImportIntegrityCliTests.Fixture>, IDisposable
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            string Example(string f) => RepoPaths.Repo("data", "examples", f);
            var run = await CliRunner.RunAsync(ConnectionString, "import", "boundaries", Example("communes.geojson"), "--level", "commune",
                "--valid-from", "2020-01-01", "--code-field", "code", "--name-field", "name");
            Assert.True(run.ExitCode == 0, run.Err);
        }
    }

    private readonly TempFiles _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public async Task Tay_ninh_wards_over_old_long_an_are_refused_without_supersede_and_close_the_old_communes_with_it()
    {
        var pre = SharedData.VnFile("communes_pre2025_national.geojson");
        var post = SharedData.VnFile("communes_2025_national.geojson");
        var old = await CliRunner.RunAsync(fx.ConnectionString, "import", "boundaries", pre, "--level", "commune", "--valid-from", "2019-01-01",
            "--code-field", "commune_id", "--name-field", "commune_vn", "--where", "province_id=801");
        Assert.True(old.ExitCode == 0, old.Err);
        Assert.StartsWith("communes_pre2025_national.geojson: 192 inserted, 10971 skipped", old.Out);

        string[] wards = ["import", "boundaries", post, "--level", "commune", "--valid-from", "2025-07-01",
            "--code-field", "code", "--name-field", "fullName", "--where", "provinceCode=80"];
        var refused = await CliRunner.RunAsync(fx.ConnectionString, wards);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("new commune unit(s) overlap 192 existing", refused.Err);
        Assert.Contains("pass --supersede", refused.Err);
        Assert.Contains("8010101", refused.Err);
        Assert.Equal(192L, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE valid_from = '2019-01-01' AND valid_to IS NULL"));

        var superseded = await CliRunner.RunAsync(fx.ConnectionString, [.. wards, "--supersede"]);
        Assert.True(superseded.ExitCode == 0, superseded.Err);
        var closed = await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE valid_from = '2019-01-01' AND valid_to = '2025-07-01'");
        Assert.Contains($"96 inserted, {closed} updated", superseded.Out);
        Assert.Contains($"{closed} overlapped commune unit(s) closed at 2025-07-01", superseded.Out);
        Assert.True(closed > 0);
    }

    [Fact]
    public async Task Businesses_with_rejects_exit_0_and_write_the_bad_rows()
    {
        var file = _tmp.Write("kd.csv", "id,kind,name,lon,lat\nCLI-1,karaoke,Một,105.03,9.13\nCLI-2,casino,Hai,105.03,9.13\n");
        var rejects = _tmp.PathOf("kd-loi.csv");
        var run = await CliRunner.RunAsync(fx.ConnectionString, "import", "businesses", file, "--rejects", rejects);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.StartsWith("kd.csv: 1 inserted, 1 rejected", run.Out);
        var lines = File.ReadAllLines(rejects);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("3,kind,'casino' is not one of", lines[1]);
    }

    [Fact]
    public async Task Routes_import_from_geojson_through_the_cli()
    {
        var file = _tmp.Write("tuyen.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"ten":"Tuyến CLI"},"geometry":{"type":"LineString","coordinates":[[105.0,9.0],[105.1,9.1]]}}]}
            """);
        var run = await CliRunner.RunAsync(fx.ConnectionString, "import", "routes", file, "--name-field", "ten", "--kind", "intra", "--buffer-m", "800");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.StartsWith("tuyen.geojson: 1 inserted", run.Out);
        Assert.Equal("intra/800", await fx.ScalarAsync<string>("SELECT kind || '/' || buffer_m FROM key_route WHERE name = 'Tuyến CLI'"));
    }
}
