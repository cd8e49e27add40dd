namespace DiaBan.Cli.Tests;

/// <summary>Command-line mistakes are caught before any database work: exit 2 with the group's usage.</summary>
public class UsageTests
{
    private static async Task<CliRunner.Run> RunAsync(params string[] args)
    {
        var @out = new StringWriter();
        var err = new StringWriter();
        var code = await DiaBanCli.RunAsync(args, @out, err);
        return new CliRunner.Run(code, @out.ToString(), err.ToString());
    }

    [Fact]
    public async Task No_command_prints_the_overview_and_fails()
    {
        var run = await RunAsync();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("import", run.Err);
        Assert.Contains("classify", run.Err);
    }

    [Fact]
    public async Task Help_lists_every_command_group_and_succeeds()
    {
        var run = await RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var g in DiaBanCli.Groups) Assert.Contains($"  {g.Name}", run.Out);
    }

    [Fact]
    public async Task Group_help_shows_its_usage()
    {
        var run = await RunAsync("import", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("diaban import boundaries", run.Out);
    }

    [Fact]
    public async Task Unknown_command_is_named()
    {
        var run = await RunAsync("importt");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown command 'importt'", run.Err);
    }

    [Fact]
    public async Task A_misspelt_option_is_rejected_not_ignored()
    {
        var run = await RunAsync("import", "incidents", "x.csv", "--provnce", "96");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--provnce", run.Err);
    }

    [Fact]
    public async Task Missing_required_option_and_bad_values_are_usage_errors()
    {
        var noLevel = await RunAsync("import", "boundaries", "x.geojson", "--valid-from", "2020-01-01", "--code-field", "c", "--name-field", "n");
        Assert.Equal(2, noLevel.ExitCode);
        Assert.Contains("missing --level", noLevel.Err);
        var badDate = await RunAsync("import", "boundaries", "x.geojson", "--level", "commune", "--valid-from", "01/01/2020", "--code-field", "c", "--name-field", "n");
        Assert.Contains("--valid-from '01/01/2020' is not a date", badDate.Err);
        var badCrs = await RunAsync("import", "incidents", "x.csv", "--crs", "EPSG:2000");
        Assert.Equal(2, badCrs.ExitCode);
        Assert.Contains("EPSG:2000 is not supported", badCrs.Err);
        var badYears = await RunAsync("classify", "--years", "2026-2019");
        Assert.Contains("--years '2026-2019' must look like 2019-2026", badYears.Err);
    }

    [Fact]
    public void Options_take_values_with_a_space_or_an_equals_sign_and_flags_take_none()
    {
        var a = new CliArgs(["seed", "--force", "--year=2024", "--crs", "EPSG:9207"]);
        Assert.Equal("seed", a.Shift());
        Assert.True(a.Flag("force"));
        Assert.Equal(2024, a.Int("year"));
        Assert.Equal("EPSG:9207", a.Option("crs"));
        a.ThrowIfUnused();
    }
}
