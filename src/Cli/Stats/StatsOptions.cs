using System.CommandLine;
using DiaBan.Geo.Queries;

namespace DiaBan.Cli.Stats;

/// <summary>The options of `diaban stats &lt;statistic&gt;` as System.CommandLine symbols (help text, defaults, completion).</summary>
public sealed class StatsOptions
{
    public Argument<string> Statistic { get; } = new("statistic")
    {
        Description = "gistar|gi|localmoran|moran|ehsa|kde — hot spots (Getis–Ord), clusters (local Moran), global Moran's I, emerging hot spots, density",
    };

    public Option<string> Input { get; } = CliOptions.Text("--input", "polygons to analyse: GeoJSON or Shapefile / tệp đa giác", "file.geojson|file.shp");
    public Option<string> Field { get; } = CliOptions.Text("--field", "the attribute analysed / thuộc tính phân tích");
    public Option<string> PopulationField { get; } = CliOptions.Text("--population-field",
        "analyse the rate F/P, Empirical-Bayes standardised (Assunção & Reis 1999)", "P");
    public Option<string> IdField { get; } = CliOptions.Text("--id-field", "id columns copied to the output (default: attributes that look like ids or codes)", "F[,F2]");
    public Option<string> Crs { get; } = CliOptions.Text("--crs", "the file's CRS when it has none or a wrong one; a Shapefile without .prj is planar", "EPSG:xxxx|planar");
    public Option<string> Weights { get; } = Completed(CliOptions.Text("--weights",
        "neighbours (default queen); knn and band measure in metres: lon/lat input is projected first (local transverse Mercator)",
        "queen|rook|knn:K|band:METRES"), "queen", "rook", "knn:", "band:");
    public Option<string> Transform { get; } = Completed(CliOptions.Text("--transform",
        "binary or row-standardised (default B for gi/gistar/ehsa, W for localmoran/moran)", "B|W"), "B", "W");
    public Option<int?> Permutations { get; } = WithDefault(CliOptions.Int("--permutations", "localmoran and moran inference", min: 0), 999);
    public Option<string> Seed { get; } = WithDefault(CliOptions.Text("--seed", "random seed of the permutations", "S"), "1");
    public Option<bool> Fdr { get; } = new("--fdr") { Description = "Benjamini–Hochberg over all features for the bins / clusters" };
    public Option<string> Islands { get; } = CliOptions.Choice("--islands",
        "features without neighbours: no statistic or a zero lag (spdep zero.policy)", ["exclude", "zero"], "exclude");
    public Option<string> Table { get; } = CliOptions.Text("--table", "ehsa: long table of values per unit and period", "long.csv");
    public Option<string> UnitField { get; } = CliOptions.Text("--unit-field", "ehsa: the table's unit column");
    public Option<string> PeriodField { get; } = CliOptions.Text("--period-field", "ehsa: the table's period column");
    public Option<string> ValueField { get; } = CliOptions.Text("--value-field", "ehsa: the table's value column");
    public Option<int?> TimeWindow { get; } = CliOptions.Int("--time-window", "ehsa time window K (file default 1, database 3)", "K", min: 0);
    public Option<string> GlobalWindow { get; } = CliOptions.Choice("--global-window", "ehsa trend reference (file default entire, database step)",
        ["entire", "step", "window"]);
    public Option<string> Radius { get; } = CliOptions.Text("--radius", "kde search radius (default: ArcGIS rule)", "METRES");
    public Option<string> Indicator { get; } = Completed(CliOptions.Text("--indicator",
        "database layer: incidents (counted inside each commune) or a unit_indicator column (e.g. offenders_arrested)", "NAME"),
        [.. StatisticsLayers.Indicators]);
    public Option<int?> Year { get; } = CliOptions.Int("--year", "database layer: the year", "YYYY");
    public Option<string> Period { get; } = CliOptions.Text("--period",
        "database layer: a period instead of --year / --from --to (incidents over its dates; ehsa: its quarters)", "2026|2026H1|2026Q3|2026-03");
    public Option<string> From { get; } = CliOptions.Text("--from", "database ehsa/kde: first quarter", "YYYYQn");
    public Option<string> To { get; } = CliOptions.Text("--to", "database ehsa/kde: last quarter", "YYYYQn");
    public Option<string> Measure { get; } = Completed(CliOptions.Text("--measure", "database layer: count or rate per 10 000 residents (default count)", "count|rate"),
        "count", "rate");
    public Option<string> Province { get; } = CliOptions.Text("--province", "database layer: one province", "CODE");
    public Option<string> Format { get; } = CliOptions.Choice("--format",
        "csv: plain RFC 4180 (the run's description on stderr); json: one object with the description and the features", ["csv", "json"], "csv");
    public Option<string> Out { get; } = CliOptions.Text("--out", "write to this file instead of stdout", "FILE");

    public IEnumerable<Option> All =>
    [
        Input, Field, PopulationField, IdField, Crs, Weights, Transform, Permutations, Seed, Fdr, Islands, Table, UnitField, PeriodField,
        ValueField, TimeWindow, GlobalWindow, Radius, Indicator, Year, Period, From, To, Measure, Province, Format, Out,
    ];

    private static Option<T> Completed<T>(Option<T> option, params string[] words)
    {
        option.CompletionSources.Add(words);
        return option;
    }

    private static Option<T> WithDefault<T>(Option<T> option, T value)
    {
        option.DefaultValueFactory = _ => value;
        return option;
    }
}
