using DiaBan.Geo.Services;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban classify --year YYYY [--rule-set ID[:VERSION]]`: computes and stores every commune's status.</summary>
public sealed class ClassifyCommand : ICommandGroup
{
    public string Name => "classify";
    public string Summary => "compute commune status for a year / xếp loại địa bàn theo năm";

    public string Usage => """
        usage / cách dùng:
          diaban classify --year YYYY [--rule-set ID[:VERSION]]
          diaban classify --years YYYY-YYYY [--rule-set ID[:VERSION]]
        Classifies every commune valid on 31 December with the rule set in force that day (or the one named) and
        stores the computed status; an official status recorded by the province is kept.
        Xếp loại mọi xã còn hiệu lực ngày 31/12 theo bộ tiêu chí đang áp dụng; không ghi đè kết quả chính thức.

        """;

    public async Task<int> RunAsync(CliContext ctx, CliArgs args, CancellationToken ct)
    {
        var years = Years(args);
        var (id, version) = RuleSet(args.Option("rule-set"));
        if (args.Positional.Count > 0) throw new CliUsageException($"unexpected arguments: {string.Join(' ', args.Positional)}");
        args.ThrowIfUnused();
        await using var db = await ctx.OpenDbAsync(ct);
        foreach (var year in years)
        {
            var result = await new YearClassifier(db).ClassifyAsync(year, id, version, ct);
            ctx.Out.WriteLine(result);
        }
        return DiaBanCli.Ok;
    }

    private static IReadOnlyList<int> Years(CliArgs args)
    {
        var single = args.Int("year");
        var range = args.Option("years");
        if (single is not null && range is null) return [Check(single.Value)];
        if (range is not null && single is null)
        {
            var parts = range.Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], out var from) && int.TryParse(parts[1], out var to) && from <= to)
                return Enumerable.Range(Check(from), Check(to) - from + 1).ToList();
            throw new CliUsageException($"--years '{range}' must look like 2019-2026");
        }
        throw new CliUsageException("give --year YYYY or --years YYYY-YYYY / cần --year hoặc --years");
    }

    private static int Check(int year) =>
        year is >= 1990 and <= 2100 ? year : throw new CliUsageException($"{year} is not a plausible year");

    private static (string? Id, int? Version) RuleSet(string? text)
    {
        if (text is null) return (null, null);
        var colon = text.LastIndexOf(':');
        if (colon < 0) return (text, null);
        return int.TryParse(text[(colon + 1)..], out var v)
            ? (text[..colon], v)
            : throw new CliUsageException($"--rule-set '{text}': the version after ':' must be a number");
    }
}
