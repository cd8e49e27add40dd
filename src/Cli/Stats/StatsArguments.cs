using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;

namespace DiaBan.Cli.Stats;

/// <summary>The options of `diaban stats &lt;statistic&gt;`, read and checked before anything runs.</summary>
public sealed record StatsArguments
{
    public static readonly IReadOnlyList<string> Statistics = ["gistar", "gi", "localmoran", "moran", "ehsa", "kde"];

    public required string Statistic { get; init; }
    public string? Input { get; init; }
    public string? Field { get; init; }
    public string? PopulationField { get; init; }
    public IReadOnlyList<string> IdFields { get; init; } = [];
    public string? Crs { get; init; }
    public WeightsSpec Weights { get; init; } = WeightsSpec.Queen;
    public WeightsTransform? Transform { get; init; }
    public IslandPolicy Islands { get; init; } = IslandPolicy.Exclude;
    public int Permutations { get; init; } = 999;
    public ulong Seed { get; init; } = 1;
    public bool Fdr { get; init; }
    public string Format { get; init; } = "csv";
    public string? Out { get; init; }
    public string? Table { get; init; }
    public string? UnitField { get; init; }
    public string? PeriodField { get; init; }
    public string? ValueField { get; init; }
    public int? TimeWindow { get; init; }
    public GlobalWindow? GlobalWindow { get; init; }
    public double? Radius { get; init; }
    public string? Indicator { get; init; }
    public int? Year { get; init; }
    public CalendarQuarter? From { get; init; }
    public CalendarQuarter? To { get; init; }
    public StatisticsMeasure Measure { get; init; }
    public string? Province { get; init; }

    public bool FromFile => Input is not null;

    public static StatsArguments Parse(string statistic, CliArgs a)
    {
        if (!Statistics.Contains(statistic))
            throw new CliUsageException($"unknown statistic '{statistic}'; one of {string.Join(", ", Statistics)} / thống kê không hợp lệ");
        if (a.Positional.Count > 0) throw new CliUsageException($"unexpected arguments: {string.Join(' ', a.Positional)}");
        var parsed = new StatsArguments
        {
            Statistic = statistic,
            Input = a.Option("input"),
            Field = a.Option("field"),
            PopulationField = a.Option("population-field"),
            IdFields = a.Option("id-field")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            Crs = a.Option("crs"),
            Weights = Parsed(a.Option("weights"), WeightsSpec.Parse) ?? WeightsSpec.Queen,
            Transform = Parsed(a.Option("transform"), t => (WeightsTransform?)WeightsSpec.ParseTransform(t)),
            Islands = a.Option("islands") switch
            {
                null or "exclude" => IslandPolicy.Exclude,
                "zero" => IslandPolicy.ZeroLag,
                var other => throw new CliUsageException($"--islands '{other}' must be exclude or zero"),
            },
            Permutations = NonNegative(a.Int("permutations") ?? 999, "permutations"),
            Seed = Parsed(a.Option("seed"), s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
                ? (ulong?)seed : throw new FormatException($"--seed '{s}' must be a whole number ≥ 0")) ?? 1,
            Fdr = a.Flag("fdr"),
            Format = a.Option("format") switch
            {
                null or "csv" => "csv",
                "json" => "json",
                var other => throw new CliUsageException($"--format '{other}' must be csv or json"),
            },
            Out = a.Option("out"),
            Table = a.Option("table"),
            UnitField = a.Option("unit-field"),
            PeriodField = a.Option("period-field"),
            ValueField = a.Option("value-field"),
            TimeWindow = a.Int("time-window") is { } k ? NonNegative(k, "time-window") : null,
            GlobalWindow = a.Option("global-window") switch
            {
                null => null,
                "entire" => Analytics.Statistics.GlobalWindow.EntireCube,
                "step" => Analytics.Statistics.GlobalWindow.IndividualTimeStep,
                "window" => Analytics.Statistics.GlobalWindow.NeighbourhoodTimeStep,
                var other => throw new CliUsageException($"--global-window '{other}' must be entire, step or window"),
            },
            Radius = Parsed(a.Option("radius"), r => double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)
                ? (double?)v : throw new FormatException($"--radius '{r}' must be a positive distance in metres")),
            Indicator = a.Option("indicator"),
            Year = a.Int("year"),
            From = QuarterOption(a, "from"),
            To = QuarterOption(a, "to"),
            Measure = Parsed(a.Option("measure"), StatisticsMeasures.Parse),
            Province = a.Option("province"),
        };
        a.ThrowIfUnused();
        parsed.Check();
        return parsed;
    }

    private void Check()
    {
        var database = Indicator is not null || Year is not null || From is not null || To is not null || Province is not null;
        if (FromFile == database)
            throw new CliUsageException("give --input <file> or a database layer (--indicator + --year, or --from + --to), not both / chọn tệp hoặc CSDL");
        if (FromFile)
        {
            if (Statistic is "ehsa" && (Table is null || UnitField is null || PeriodField is null || ValueField is null))
                throw new CliUsageException("ehsa on a file needs --table <csv> --unit-field F --period-field F --value-field F");
            if (Statistic is not ("ehsa" or "kde") && Field is null) throw new CliUsageException($"{Statistic} needs --field F / thiếu --field");
            if (PopulationField is not null && Statistic is "ehsa" or "kde") throw new CliUsageException($"--population-field does not apply to {Statistic}");
            return;
        }
        if (Statistic is "ehsa" or "kde")
        {
            if (From is null || To is null) throw new CliUsageException($"{Statistic} on the database needs --from YYYYQn --to YYYYQn");
            if (To.Value.Ordinal < From.Value.Ordinal) throw new CliUsageException($"--to {To} is before --from {From}");
        }
        else if (Indicator is null || Year is null)
        {
            throw new CliUsageException($"{Statistic} on the database needs --indicator NAME --year YYYY; indicators: {string.Join(", ", StatisticsLayers.Indicators)}");
        }
        else if (!StatisticsLayers.IsIndicator(Indicator))
        {
            throw new CliUsageException($"--indicator '{Indicator}' is not one of {string.Join(", ", StatisticsLayers.Indicators)}");
        }
    }

    private static CalendarQuarter? QuarterOption(CliArgs a, string name)
    {
        var text = a.Option(name);
        if (text is null) return null;
        try
        {
            return CalendarQuarter.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"--{name}: {e.Message}");
        }
    }

    private static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new CliUsageException($"--{name} cannot be negative");

    private static T? Parsed<T>(string? text, Func<string, T> parse)
    {
        if (text is null) return default;
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
