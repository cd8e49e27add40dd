using DiaBan.Cli.Stats;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban stats gistar|gi|localmoran|moran|ehsa|kde` on a GeoJSON/Shapefile or on the database's layers.</summary>
public sealed class StatsCommand : ICommandGroup
{
    public string Name => "stats";
    public string Summary => "hot spots, clusters, trends, density / điểm nóng, cụm, xu hướng, mật độ";

    public string Usage => """
        usage / cách dùng:
          diaban stats gistar|gi|localmoran|moran|kde --input <file.geojson|file.shp> --field F [--population-field P]
          diaban stats ehsa --input <polygons> --table <long.csv> --unit-field F --period-field F --value-field F
          diaban stats gistar|gi|localmoran|moran --indicator NAME --year YYYY [--measure count|rate] [--province CODE]
          diaban stats ehsa|kde --from YYYYQn --to YYYYQn [--measure count|rate] [--province CODE]
        options / tùy chọn:
          --weights queen|rook|knn:K|band:METRES   neighbours (default queen); knn and band measure in metres:
                                                   lon/lat input is projected first (local transverse Mercator)
          --transform B|W         binary or row-standardised (default B for gi/gistar/ehsa, W for localmoran/moran)
          --permutations N --seed S   localmoran and moran inference (default 999, seed 1)
          --fdr                   Benjamini–Hochberg over all features for the bins / clusters
          --islands exclude|zero  features without neighbours: no statistic (default) or a zero lag (spdep zero.policy)
          --id-field F[,F2]       id columns copied to the output (default: attributes that look like ids or codes)
          --crs EPSG:xxxx|planar  the file's CRS when it has none or a wrong one; a Shapefile without .prj is planar
          --population-field P    analyse the rate F/P, Empirical-Bayes standardised (Assunção & Reis 1999)
          --time-window K --global-window entire|step|window   ehsa (file default 1 and entire; database 3 and step)
          --radius METRES         kde search radius (default: ArcGIS rule)
          --format csv|json --out FILE   output (default csv on stdout; moran always prints one JSON object)
        Indicators / chỉ tiêu: incidents (counted inside each commune) or a unit_indicator column (e.g. offenders_arrested).
        One output row per feature in input order (database: per commune by code) with z, p and the bin or cluster label.

        """;

    public async Task<int> RunAsync(CliContext ctx, CliArgs args, CancellationToken ct)
    {
        var statistic = args.Shift() ?? throw new CliUsageException($"missing statistic: one of {string.Join(", ", StatsArguments.Statistics)}");
        var a = StatsArguments.Parse(statistic, args);
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
            else result.Table!.Write(output, a.Format);
        }
        finally
        {
            if (a.Out is not null) await output.DisposeAsync();
        }
        foreach (var note in result.Notes) ctx.Err.WriteLine(note);
        if (a.Out is not null) ctx.Err.WriteLine($"wrote {a.Out}");
        return DiaBanCli.Ok;
    }
}
