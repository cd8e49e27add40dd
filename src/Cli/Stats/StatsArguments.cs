using System.CommandLine;
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
    /// <summary>--period: the one period type (ReportPeriod); it sets Year and From/To when those are not given.</summary>
    public ReportPeriod? Period { get; init; }
    public CalendarQuarter? From { get; init; }
    public CalendarQuarter? To { get; init; }
    public StatisticsMeasure Measure { get; init; }
    public string? Province { get; init; }

    public bool FromFile => Input is not null;

    /// <summary>Reads and converts the options of <paramref name="o"/>; a bad combination or value is a usage error.</summary>
    public static StatsArguments Read(ParseResult p, StatsOptions o)
    {
        var period = Parsed(p.GetValue(o.Period), text => ReportPeriod.TryParse(text, out var parsed)
            ? (ReportPeriod?)parsed : throw new FormatException($"--period '{text}': {ReportPeriod.Forms}"));
        var parsed = new StatsArguments
        {
            Statistic = p.GetValue(o.Statistic)!,
            Input = p.GetValue(o.Input),
            Field = p.GetValue(o.Field),
            PopulationField = p.GetValue(o.PopulationField),
            IdFields = p.GetValue(o.IdField)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            Crs = p.GetValue(o.Crs),
            Weights = Parsed(p.GetValue(o.Weights), WeightsSpec.Parse) ?? WeightsSpec.Queen,
            Transform = Parsed(p.GetValue(o.Transform), t => (WeightsTransform?)WeightsSpec.ParseTransform(t)),
            Islands = p.GetValue(o.Islands) == "zero" ? IslandPolicy.ZeroLag : IslandPolicy.Exclude,
            Permutations = p.GetValue(o.Permutations)!.Value,
            Seed = Parsed(p.GetValue(o.Seed), s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
                ? (ulong?)seed : throw new FormatException($"--seed '{s}' must be a whole number ≥ 0")) ?? 1,
            Fdr = p.GetValue(o.Fdr),
            Format = p.GetValue(o.Format)!,
            Out = p.GetValue(o.Out),
            Table = p.GetValue(o.Table),
            UnitField = p.GetValue(o.UnitField),
            PeriodField = p.GetValue(o.PeriodField),
            ValueField = p.GetValue(o.ValueField),
            TimeWindow = p.GetValue(o.TimeWindow),
            GlobalWindow = p.GetValue(o.GlobalWindow) switch
            {
                null => null,
                "entire" => Analytics.Statistics.GlobalWindow.EntireCube,
                "step" => Analytics.Statistics.GlobalWindow.IndividualTimeStep,
                _ => Analytics.Statistics.GlobalWindow.NeighbourhoodTimeStep,
            },
            Radius = Parsed(p.GetValue(o.Radius), r => double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)
                ? (double?)v : throw new FormatException($"--radius '{r}' must be a positive distance in metres")),
            Indicator = p.GetValue(o.Indicator),
            Year = p.GetValue(o.Year) ?? period?.CalendarYear,
            Period = period,
            From = QuarterOption(p.GetValue(o.From), "from") ?? period?.First,
            To = QuarterOption(p.GetValue(o.To), "to") ?? period?.Last,
            Measure = Parsed(p.GetValue(o.Measure), StatisticsMeasures.Parse),
            Province = p.GetValue(o.Province),
        };
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

    private static CalendarQuarter? QuarterOption(string? text, string name)
    {
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
