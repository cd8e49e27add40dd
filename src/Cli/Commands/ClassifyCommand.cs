using System.CommandLine;
using DiaBan.Analytics.Classification;
using DiaBan.Geo.Services;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban classify --year YYYY | --years YYYY-YYYY [--rule-set ID[:VERSION]]`: computes and stores every commune's status.</summary>
public sealed class ClassifyCommand : ICommandGroup
{
    public string Name => "classify";

    public Command Build()
    {
        var year = CliOptions.Parsed<int>("--year", "the year to classify / năm xếp loại", "YYYY", false, text => Check(int.TryParse(text, out var y)
            ? y : throw new FormatException($"--year '{text}' is not a whole number / không phải số nguyên")));
        var years = CliOptions.Parsed<(int From, int To)>("--years", "a range of years, each classified in turn / khoảng năm", "YYYY-YYYY", false, Range);
        var ruleSet = CliOptions.Parsed<(string Id, int? Version)>("--rule-set", "the rule set to apply (default: the one in force on 31 December) / bộ tiêu chí",
            "ID[:VERSION]", false, RuleSet);
        var command = new Command(Name,
            "compute commune status for a year / xếp loại địa bàn theo năm.\n" +
            "Classifies every commune valid on 31 December with the rule set in force that day (or the one named) and\n" +
            "stores the computed status; an official status recorded by the province is kept.\n" +
            "Xếp loại mọi xã còn hiệu lực ngày 31/12 theo bộ tiêu chí đang áp dụng; không ghi đè kết quả chính thức.")
        {
            year, years, ruleSet,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetResult(year) is null) == (r.GetResult(years) is null))
                r.AddError("give --year YYYY or --years YYYY-YYYY / cần --year hoặc --years");
        });
        CliAction.Set(command, async (ctx, p, ct) =>
        {
            IReadOnlyList<int> list = p.GetValue(year) is { } single ? [single]
                : p.GetValue(years) is var (from, to) ? Enumerable.Range(from, to - from + 1).ToList() : [];
            var (id, version) = p.GetValue(ruleSet) ?? (null!, null);
            await using var db = await ctx.OpenDbAsync(ct);
            var results = await ctx.Terminal.EachAsync("classifying / đang xếp loại", list,
                y => new YearClassifier(db).ClassifyAsync(y, id, version, ct));
            Show(ctx.Terminal, results);
            return DiaBanCli.Ok;
        });
        return command;
    }

    /// <summary>One row per year: communes, rule set and the count of each status, most severe first.</summary>
    public static void Show(Terminal terminal, IReadOnlyList<YearClassification> results, string indent = "")
    {
        var statuses = Enum.GetValues<CommuneStatus>().OrderByDescending(s => s.Severity()).ToList();
        // one column per year, one row per status: fits an 80-column terminal even for the demo's eight years
        IReadOnlyList<string> Row(string name, Func<YearClassification, int> value) => [name, .. results.Select(r => $"{value(r)}")];
        terminal.Table(
            ["", .. results.Select(r => $"{r.Year}")],
            [
                Row("communes", r => r.Units),
                .. statuses.Select(s => Row(s.Code(), r => r.ByStatus.GetValueOrDefault(s))),
                Row("provisional", r => r.Provisional),
                Row("estimated inputs", r => r.Estimated),
            ],
            results.Select(r => indent + r),
            caption: string.Join("; ", results.GroupBy(r => $"{r.RuleSetId} v{r.RuleSetVersion}").Select(g => $"{g.Key}: {g.First().Year}–{g.Last().Year}")));
    }

    private static int Check(int year) =>
        year is >= 1990 and <= 2100 ? year : throw new FormatException($"{year} is not a plausible year");

    private static (int, int) Range(string text)
    {
        var parts = text.Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], out var from) && int.TryParse(parts[1], out var to) && from <= to)
            return (Check(from), Check(to));
        throw new FormatException($"--years '{text}' must look like 2019-2026");
    }

    private static (string, int?) RuleSet(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0) return (text, null);
        return int.TryParse(text[(colon + 1)..], out var v)
            ? (text[..colon], v)
            : throw new FormatException($"--rule-set '{text}': the version after ':' must be a number");
    }
}
