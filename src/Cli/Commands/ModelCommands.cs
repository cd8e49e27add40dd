using System.CommandLine;
using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Places;
using DiaBan.Analytics.Risk;
using DiaBan.Cli.Places;
using DiaBan.Geo.Services;
using Npgsql;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban model train|score|backtest`: the ML.NET risk model against the stored data.</summary>
public sealed class ModelCommands : ICommandGroup
{
    public string Name => "model";

    public Command Build()
    {
        var model = new Command(Name, "train, score and backtest the risk model / mô hình dự báo nguy cơ");
        model.Subcommands.Add(Train());
        model.Subcommands.Add(Score());
        model.Subcommands.Add(Backtest());
        return model;
    }

    /// <summary>A quarter like 2026Q4 or 2026-Q4 as the risk model's quarter index.</summary>
    private static Option<int?> QuarterOption(string name, string description, bool required) =>
        CliOptions.Parsed<int>(name, description, "YYYYQn", required, text =>
        {
            try
            {
                return CalendarQuarter.Parse(text).Ordinal;
            }
            catch (FormatException e)
            {
                throw new FormatException($"{name}: {e.Message}");
            }
        });

    private static Command Train()
    {
        var to = QuarterOption("--to", "last quarter learnt from (default: the last complete quarter of incident data) / quý cuối", false);
        var command = new Command("train",
            "trains on every quarter up to --to and stores the version with its training window and data hash / huấn luyện và lưu phiên bản mô hình")
        {
            to,
        };
        CliAction.Set(command, async (ctx, p, ct) =>
        {
            var (service, dispose) = await OpenAsync(ctx, ct);
            await using (dispose)
            {
                var record = await ctx.Terminal.StepAsync("training / đang huấn luyện…", _ => service.TrainAsync(p.GetValue(to), ct: ct));
                ctx.Terminal.Table(["version", "window", "rows", "features", "data hash"],
                    [[$"{record.Id}", $"{CalendarQuarter.FromOrdinal(record.TrainingFromQuarter).Label}…{CalendarQuarter.FromOrdinal(record.TrainingToQuarter).Label}",
                        $"{record.TrainingRows}", $"{record.FeatureNames.Count}", record.DataHash]],
                    [FormattableString.Invariant(
                        $"model version {record.Id} trained / đã huấn luyện: window {CalendarQuarter.FromOrdinal(record.TrainingFromQuarter).Label}…{CalendarQuarter.FromOrdinal(record.TrainingToQuarter).Label}, {record.TrainingRows} rows, {record.FeatureNames.Count} features, data hash {record.DataHash}")]);
            }
            return DiaBanCli.Ok;
        });
        return command;
    }

    private static Command Score()
    {
        var quarter = QuarterOption("--quarter", "the quarter to score (data up to the quarter before) / quý chấm điểm", true);
        var command = new Command("score",
            "scores every commune for that quarter with the newest version / chấm điểm nguy cơ từng xã cho quý đó") { quarter };
        CliAction.Set(command, async (ctx, p, ct) =>
        {
            var q = p.GetValue(quarter)!.Value;
            var (service, dispose) = await OpenAsync(ctx, ct);
            await using (dispose)
            {
                var version = await service.LatestModelAsync(ct)
                              ?? throw new InvalidOperationException("no trained model, run `diaban model train` first / chưa có mô hình");
                var rows = await ctx.Terminal.StepAsync("scoring / đang chấm điểm…", _ => service.ScoreAsync(q, version, ct));
                var top = rows.OrderByDescending(r => r.Probability).Take(5).ToList();
                var summary = FormattableString.Invariant(
                    $"scored {rows.Count} communes for {CalendarQuarter.FromOrdinal(q).Label} with model version {version.Id} / đã chấm điểm {rows.Count} xã");
                ctx.Terminal.Table(["unit", "P", "interval", "expected incidents"],
                    top.Select(r => (IReadOnlyList<string>)[$"{r.UnitId}", FormattableString.Invariant($"{r.Probability:0.000}"),
                        FormattableString.Invariant($"[{r.ProbabilityLow:0.000}, {r.ProbabilityHigh:0.000}]"), FormattableString.Invariant($"{r.ExpectedCount:0.00}")]),
                    [summary, .. top.Select(r => FormattableString.Invariant(
                        $"  unit {r.UnitId}: P = {r.Probability:0.000} [{r.ProbabilityLow:0.000}, {r.ProbabilityHigh:0.000}], expected {r.ExpectedCount:0.00}"))],
                    caption: summary);
            }
            return DiaBanCli.Ok;
        });
        return command;
    }

    private static Command Backtest()
    {
        var from = QuarterOption("--from", "first quarter forecast / quý đầu", true);
        var to = QuarterOption("--to", "last quarter forecast / quý cuối", true);
        var format = CliOptions.Choice("--format", "Markdown table or the report as JSON / dạng kết quả", ["table", "json"], "table");
        var guard = CliOptions.Choice("--guard", "none trains the naive model on every recorded incident (for comparison only)", ["exposure", "none"], "exposure");
        var grid = CliOptions.Int("--grid", "cell size in metres: backtest the place (cell) model instead of the commune model / kích thước ô lưới (m)", "M", min: 1);
        var horizon = CliOptions.Choice("--horizon", "with --grid: forecast a week or a month ahead / dự báo tuần hoặc tháng", ["week", "month"], "week");
        var simulated = new Option<bool>("--simulated") { Description = "with --grid: on the seeded simulated province (Demo PlaceWorld), not the database / trên tỉnh mô phỏng" };
        var seed = CliOptions.Int("--seed", "with --simulated: the world's seed / hạt giống mô phỏng", "S", min: 0);
        var command = new Command("backtest",
            "rolling-origin backtest forecasting each quarter from..to with only the data known before it; model vs last-quarter,\n" +
            "4-quarter-mean and KDE baselines (AUC, Brier, PAI, PEI*, hit rate by area share) / kiểm định quá khứ, so sánh với các phương pháp cơ sở\n" +
            "  --grid 250 --horizon week|month: the cell model vs last period, KDE and ETAS, one origin per week|month of from..to")
        {
            from, to, format, guard, grid, horizon, simulated, seed,
        };
        CliAction.Set(command, async (ctx, p, ct) =>
        {
            var (first, last) = (p.GetValue(from)!.Value, p.GetValue(to)!.Value);
            if (first > last) throw new CliUsageException("--from must not be after --to / --from phải trước --to");
            if (p.GetValue(grid) is int cellSize)
                return await PlaceBacktest.RunAsync(ctx, new PlaceBacktest.Arguments(CalendarQuarter.FromOrdinal(first), CalendarQuarter.FromOrdinal(last),
                    cellSize, p.GetValue(horizon) == "month" ? ForecastHorizon.Month : ForecastHorizon.Week, p.GetValue(simulated),
                    p.GetValue(seed) ?? 1, p.GetValue(format) == "json"), ct);
            if (p.GetValue(simulated)) throw new CliUsageException("--simulated needs --grid / --simulated cần --grid");
            var defaults = new BacktestOptions();
            var guardValue = p.GetValue(guard) == "none" ? FeedbackGuard.None : FeedbackGuard.ExposureAdjusted;
            var options = defaults with { Model = defaults.Model with { Guard = guardValue } };
            var (service, dispose) = await OpenAsync(ctx, ct);
            await using (dispose)
            {
                var run = await ctx.Terminal.StepAsync($"backtesting {CalendarQuarter.FromOrdinal(first).Label}…{CalendarQuarter.FromOrdinal(last).Label} / đang kiểm định…",
                    _ => service.BacktestAsync(first, last, options, ct: ct));
                ctx.Out.WriteLine(p.GetValue(format) == "json" ? run.Report.ToJson() : BacktestTable.Markdown(run));
            }
            return DiaBanCli.Ok;
        });
        return command;
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
