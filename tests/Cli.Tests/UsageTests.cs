namespace DiaBan.Cli.Tests;

/// <summary>Command-line mistakes are caught before any database work: exit 2 with the command's help on stderr.</summary>
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
    public async Task Group_help_lists_its_subcommands_and_leaf_help_its_options_with_defaults()
    {
        var run = await RunAsync("import", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var what in new[] { "boundaries", "lineage", "incidents", "indicators", "businesses", "targets" }) Assert.Contains($"  {what}", run.Out);
        var leaf = await RunAsync("import", "boundaries", "--help");
        Assert.Contains("import boundaries <file> [options]", leaf.Out); // "diaban" is the executable name, the test host here
        Assert.Contains("--level <province|district|commune> (REQUIRED)", leaf.Out);
        var stats = await RunAsync("stats", "--help");
        Assert.Contains("--permutations <N>", stats.Out);
        Assert.Contains("[default: 999]", stats.Out);
        var db = await RunAsync("db", "--help");
        foreach (var verb in new[] { "migrate", "start", "stop", "status" }) Assert.Contains($"  {verb}", db.Out);
    }

    [Fact]
    public async Task Unknown_command_is_named()
    {
        var run = await RunAsync("importt");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unrecognized command or argument 'importt'", run.Err);
        Assert.Contains("error / lỗi:", run.Err);
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
        Assert.Contains("'--level' is required", noLevel.Err);
        var badDate = await RunAsync("import", "boundaries", "x.geojson", "--level", "commune", "--valid-from", "01/01/2020", "--code-field", "c", "--name-field", "n");
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("--valid-from '01/01/2020' is not a date", badDate.Err);
        var badCrs = await RunAsync("import", "incidents", "x.csv", "--crs", "EPSG:2000");
        Assert.Equal(2, badCrs.ExitCode);
        Assert.Contains("EPSG:2000 is not supported", badCrs.Err);
        var badYears = await RunAsync("classify", "--years", "2026-2019");
        Assert.Equal(2, badYears.ExitCode);
        Assert.Contains("--years '2026-2019' must look like 2019-2026", badYears.Err);
        var neither = await RunAsync("classify");
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("give --year YYYY or --years YYYY-YYYY", neither.Err);
        var badLevel = await RunAsync("import", "boundaries", "x.geojson", "--level", "hamlet", "--valid-from", "2020-01-01", "--code-field", "c", "--name-field", "n");
        Assert.Equal(2, badLevel.ExitCode);
        Assert.Contains("'hamlet'", badLevel.Err);
    }

    [Fact]
    public void Options_take_values_with_a_space_or_an_equals_sign_and_flags_take_none()
    {
        var parse = DiaBanCli.Command.Parse(["demo", "seed", "--force", "--seed=2024", "--db", "Host=x"]);
        Assert.Empty(parse.Errors);
        var flag = Assert.Single(parse.CommandResult.Command.Options, o => o.Name == "--force");
        Assert.True(parse.GetValue((System.CommandLine.Option<bool>)flag));
        Assert.Equal(2024, parse.GetValue<int?>("--seed"));
        Assert.Equal("Host=x", parse.GetValue<string?>("--db"));
    }

    [Theory]
    [InlineData("diaban im", "import")]
    [InlineData("diaban import boundaries --level p", "province")]
    [InlineData("diaban stats gistar --weights ", "queen")]
    [InlineData("diaban stats lo", "localmoran")]
    [InlineData("diaban model backtest --guard ", "exposure")]
    public void Tab_completion_offers_commands_options_and_values(string line, string offered)
    {
        var completions = DiaBanCli.Command.Parse(line).GetCompletions(line.Length).Select(c => c.Label);
        Assert.Contains(offered, completions);
    }

    [Fact]
    public async Task The_suggest_directive_prints_the_completions_a_shell_asks_for()
    {
        const string line = "diaban db st";
        var run = await RunAsync($"[suggest:{line.Length}]", line);
        Assert.Equal(0, run.ExitCode);
        // System.CommandLine offers every verb that contains the typed text: "restore" holds "st" too
        Assert.Equal(["restore", "start", "status", "stop"], run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Order());
    }
}
