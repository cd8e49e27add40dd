using System.CommandLine;
using DiaBan.Cli.Stats;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban stats gistar|gi|localmoran|moran|ehsa|kde` on a GeoJSON/Shapefile or on the database's layers.</summary>
public sealed class StatsCommand : ICommandGroup
{
    public string Name => "stats";

    public Command Build()
    {
        var o = new StatsOptions();
        o.Statistic.CompletionSources.Add([.. StatsArguments.Statistics]);
        o.Statistic.Validators.Add(r =>
        {
            var s = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!StatsArguments.Statistics.Contains(s))
                r.AddError($"unknown statistic '{s}'; one of {string.Join(", ", StatsArguments.Statistics)} / thống kê không hợp lệ");
        });
        var command = new Command(Name,
            "hot spots, clusters, trends, density / điểm nóng, cụm, xu hướng, mật độ.\n" +
            "  diaban stats gistar|gi|localmoran|moran|kde --input <file.geojson|file.shp> --field F [--population-field P]\n" +
            "  diaban stats ehsa --input <polygons> --table <long.csv> --unit-field F --period-field F --value-field F\n" +
            "  diaban stats gistar|gi|localmoran|moran --indicator NAME --year YYYY|--period 2026Q3 [--measure count|rate] [--province CODE]\n" +
            "  diaban stats ehsa|kde --from YYYYQn --to YYYYQn|--period 2026 [--measure count|rate] [--province CODE]\n" +
            "  diaban stats knox --input <incidents.csv> [--distance-bands 100,200,400,800] [--time-bands 7,14,30,60] [--permutations 999]\n" +
            "One output row per feature in input order (database: per commune by code) with z, p and the bin or cluster label;\n" +
            "moran prints one JSON object. Một dòng cho mỗi đối tượng, theo thứ tự trong tệp.")
        {
            o.Statistic,
        };
        foreach (var option in o.All) command.Options.Add(option);
        command.Subcommands.Add(KnoxCommand.Build());
        CliAction.Set(command, (ctx, p, ct) => RunAsync(ctx, StatsArguments.Read(p, o), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext ctx, StatsArguments a, CancellationToken ct)
    {
        StatsOutput result;
        try
        {
            result = a.FromFile
                ? FileStatistics.Run(a)
                : await DatabaseStatistics.RunAsync(a, await ctx.ConnectionStringAsync(ct), ct);
        }
        catch (ArgumentException e)
        {
            // the analytics refuse inputs they cannot handle (all values equal, k too large, not lon/lat …)
            throw new StatsInputException(e.Message);
        }
        var output = a.Out is null ? ctx.Out : new StreamWriter(a.Out, append: false, new System.Text.UTF8Encoding(false));
        try
        {
            if (result.Json is not null) output.WriteLine(result.Json);
            else result.Table!.Write(output, a.Format, ctx.Err);
        }
        finally
        {
            if (a.Out is not null) await output.DisposeAsync();
        }
        // CSV already described the run on stderr; JSON holds it, so only say what a reader of stdout would miss
        if (result.Table is null || a.Format == "json")
            foreach (var note in result.Notes) ctx.Err.WriteLine(note);
        if (a.Out is not null) ctx.Err.WriteLine($"wrote {a.Out}");
        return DiaBanCli.Ok;
    }
}
