using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;
using DiaBan.Geo.Services;
using Npgsql;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban model train|score|backtest`: the ML.NET risk model against the stored data.</summary>
public sealed class ModelCommands : ICommandGroup
{
    public string Name => "model";
    public string Summary => "train, score and backtest the risk model / mô hình dự báo nguy cơ";

    public string Usage => """
        usage / cách dùng:
          diaban model train [--to YYYYQn]
              trains on every quarter up to --to (default: the last complete quarter of incident data) and stores
              the version with its training window and data hash / huấn luyện và lưu phiên bản mô hình
          diaban model score --quarter YYYYQn
              scores every commune for that quarter with the newest version (data up to the quarter before)
              / chấm điểm nguy cơ từng xã cho quý đó
          diaban model backtest --from YYYYQn --to YYYYQn [--format table|json] [--guard exposure|none]
              rolling-origin backtest forecasting each quarter from..to with only the data known before it; model
              vs last-quarter, 4-quarter-mean and KDE baselines (AUC, Brier, PAI, PEI*, hit rate by area share)
              / kiểm định quá khứ, so sánh với các phương pháp cơ sở
              --guard none trains the naive model on every recorded incident (for comparison only)

        """;

    public async Task<int> RunAsync(CliContext ctx, CliArgs args, CancellationToken ct)
    {
        var verb = args.Shift();
        return verb switch
        {
            "train" => await TrainAsync(ctx, args, ct),
            "score" => await ScoreAsync(ctx, args, ct),
            "backtest" => await BacktestAsync(ctx, args, ct),
            null => throw new CliUsageException("missing train, score or backtest / thiếu lệnh con"),
            _ => throw new CliUsageException($"unknown model command '{verb}'"),
        };
    }

    private static async Task<int> TrainAsync(CliContext ctx, CliArgs args, CancellationToken ct)
    {
        var to = OptionalQuarter(args, "to");
        Done(args);
        var (service, dispose) = await OpenAsync(ctx, ct);
        await using (dispose)
        {
            ctx.Progress("training / đang huấn luyện…");
            var record = await service.TrainAsync(to, ct: ct);
            ctx.Out.WriteLine(FormattableString.Invariant(
                $"model version {record.Id} trained / đã huấn luyện: window {CalendarQuarter.FromOrdinal(record.TrainingFromQuarter).Label}…{CalendarQuarter.FromOrdinal(record.TrainingToQuarter).Label}, {record.TrainingRows} rows, {record.FeatureNames.Count} features, data hash {record.DataHash}"));
        }
        return DiaBanCli.Ok;
    }

    private static async Task<int> ScoreAsync(CliContext ctx, CliArgs args, CancellationToken ct)
    {
        var quarter = OptionalQuarter(args, "quarter") ?? throw new CliUsageException("missing --quarter YYYYQn / thiếu --quarter");
        Done(args);
        var (service, dispose) = await OpenAsync(ctx, ct);
        await using (dispose)
        {
            var version = await service.LatestModelAsync(ct)
                          ?? throw new InvalidOperationException("no trained model, run `diaban model train` first / chưa có mô hình");
            var rows = await service.ScoreAsync(quarter, version, ct);
            ctx.Out.WriteLine(FormattableString.Invariant(
                $"scored {rows.Count} communes for {CalendarQuarter.FromOrdinal(quarter).Label} with model version {version.Id} / đã chấm điểm {rows.Count} xã"));
            foreach (var row in rows.OrderByDescending(r => r.Probability).Take(5))
                ctx.Out.WriteLine(FormattableString.Invariant($"  unit {row.UnitId}: P = {row.Probability:0.000} [{row.ProbabilityLow:0.000}, {row.ProbabilityHigh:0.000}], expected {row.ExpectedCount:0.00}"));
        }
        return DiaBanCli.Ok;
    }

    private static async Task<int> BacktestAsync(CliContext ctx, CliArgs args, CancellationToken ct)
    {
        var from = OptionalQuarter(args, "from") ?? throw new CliUsageException("missing --from YYYYQn / thiếu --from");
        var to = OptionalQuarter(args, "to") ?? throw new CliUsageException("missing --to YYYYQn / thiếu --to");
        var format = args.Option("format") ?? "table";
        if (format is not ("table" or "json")) throw new CliUsageException($"--format '{format}' must be table or json");
        if (from > to) throw new CliUsageException("--from must not be after --to / --from phải trước --to");
        var guard = args.Option("guard") switch
        {
            null or "exposure" => FeedbackGuard.ExposureAdjusted,
            "none" => FeedbackGuard.None,
            var g => throw new CliUsageException($"--guard '{g}' must be exposure or none"),
        };
        Done(args);
        var (service, dispose) = await OpenAsync(ctx, ct);
        await using (dispose)
        {
            ctx.Progress($"backtesting {CalendarQuarter.FromOrdinal(from).Label}…{CalendarQuarter.FromOrdinal(to).Label} / đang kiểm định…");
            var defaults = new BacktestOptions();
            var options = defaults with { Model = defaults.Model with { Guard = guard } };
            var run = await service.BacktestAsync(from, to, options, ct: ct);
            ctx.Out.WriteLine(format == "json" ? run.Report.ToJson() : BacktestTable.Markdown(run));
        }
        return DiaBanCli.Ok;
    }

    private static int? OptionalQuarter(CliArgs args, string name)
    {
        var text = args.Option(name);
        if (text is null) return null;
        try
        {
            return CalendarQuarter.Parse(text).Ordinal;
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"--{name}: {e.Message}");
        }
    }

    private static void Done(CliArgs args)
    {
        if (args.Positional.Count > 0) throw new CliUsageException($"unexpected arguments: {string.Join(' ', args.Positional)}");
        args.ThrowIfUnused();
    }

    private static async Task<(RiskService Service, IAsyncDisposable Resources)> OpenAsync(CliContext ctx, CancellationToken ct)
    {
        var db = await ctx.OpenDbAsync(ct);
        var source = NpgsqlDataSource.Create(await ctx.ConnectionStringAsync(ct));
        return (new RiskService(db, source), new Both(db, source));
    }

    private sealed class Both(IAsyncDisposable a, IAsyncDisposable b) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }
}

/// <summary>The backtest as a Markdown table (the form README.md shows): one row per method, area measures at 10 %.</summary>
public static class BacktestTable
{
    public static string Markdown(BacktestRun run)
    {
        var r = run.Report;
        var lines = new List<string>
        {
            "| method | AUC | Brier | PAI@10% | PEI*@10% | hit rate@10% |",
            "|---|---|---|---|---|---|",
            Row("ML.NET model", r.Model),
            Row("last quarter", r.Baselines.LastQuarter),
            Row("4-quarter mean", r.Baselines.Mean4Q),
            Row("KDE", r.Baselines.Kde),
            "",
            Wins(run, "last quarter", f => f.LastQuarter),
            Wins(run, "4-quarter mean", f => f.Mean4Q),
            Wins(run, "KDE", f => f.Kde),
            FormattableString.Invariant($"{run.Folds.Count} folds ({CalendarQuarter.FromOrdinal(run.Folds[0].Origin + 1).Label}…{CalendarQuarter.FromOrdinal(run.Folds[^1].Origin + 1).Label} forecast), KDE bandwidth {run.KdeBandwidthM:0} m"),
        };
        return string.Join('\n', lines);
    }

    // per-fold comparison: is a pooled difference a steady gap or a few folds?
    private static string Wins(BacktestRun run, string name, Func<BacktestFold, FoldMetrics> baseline)
    {
        int auc = run.Folds.Count(f => f.Model.Auc > baseline(f).Auc);
        int pai = run.Folds.Count(f => PaiAt10(f.Model) > PaiAt10(baseline(f)));
        return $"model beats {name} in {auc}/{run.Folds.Count} folds on AUC, {pai}/{run.Folds.Count} on PAI@10%  ";
    }

    private static double? PaiAt10(FoldMetrics m) => m.ByShare.TryGetValue(MethodMetrics.ShareKey(0.1), out var a) ? a?.Pai : null;

    private static string Row(string name, MethodMetrics m) =>
        $"| {name} | {F(m.Auc)} | {F(m.Brier)} | {F(m.PaiAt(0.1))} | {F(m.PeiStarAt(0.1))} | {F(m.HitRateAt(0.1))} |";

    private static string F(double? v) => v is double d ? d.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
