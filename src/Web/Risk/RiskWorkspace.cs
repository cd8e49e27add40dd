using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Hosting.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DiaBan.Web.Risk;

/// <summary>
/// The risk model for the web app. Requests only read: stored scores, plans from them, the cached backtest. Whatever
/// writes or takes long (training, scoring, backtests) is queued as a background job; the caller gets the job's status
/// and asks again (the API answers 202, the patrol page shows "Đang chuẩn bị…").
/// </summary>
public sealed class RiskWorkspace(IDbContextFactory<DiaBanDb> dbs, NpgsqlDataSource dataSource, JobQueue jobs,
    IOptions<RiskJobOptions> options, ILogger<RiskWorkspace> logger)
{
    private volatile BacktestCache? backtest;

    private sealed record BacktestCache(int ModelId, BacktestReport Report);

    public RiskQueries Queries { get; } = new(dataSource);

    public RiskJobOptions Options => options.Value;

    /// <summary>Runs <paramref name="work"/> on a fresh DiaBanDb (Blazor circuits and API requests share this singleton).</summary>
    public async Task<T> RunAsync<T>(Func<RiskService, Task<T>> work, string? actor = null, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (actor is not null) db.Actor = actor;
        return await work(new RiskService(db, dataSource));
    }

    /// <summary>The quarter after the last complete quarter of incident data: the one to plan for.</summary>
    public Task<int> NextQuarterAsync(CancellationToken ct = default) =>
        RunAsync(async s => await s.LastDataQuarterAsync(ct) + 1, ct: ct);

    /// <summary>Null when the newest model has scored every quarter <paramref name="from"/>…<paramref name="to"/>; otherwise the job preparing them.</summary>
    public async Task<JobStatus?> PrepareScoresAsync(int from, int to, CancellationToken ct = default)
    {
        var key = $"risk-scores:{CalendarQuarter.FromOrdinal(from)}-{CalendarQuarter.FromOrdinal(to)}";
        if (jobs.Active(key) is { } active) return active;
        var missing = await RunAsync(async s =>
        {
            var list = new List<int>();
            for (int q = from; q <= to; q++)
                if (!await s.HasScoresAsync(q, ct: ct)) list.Add(q);
            return list;
        }, ct: ct);
        if (missing.Count == 0) return null;
        var title = from == to ? $"Chấm điểm nguy cơ quý {CalendarQuarter.FromOrdinal(from).Label}" : $"Chấm điểm nguy cơ {CalendarQuarter.FromOrdinal(from).Label}…{CalendarQuarter.FromOrdinal(to).Label}";
        return jobs.Enqueue(key, title, (services, progress, token) => ScoreQuartersAsync(missing, services, progress, token));
    }

    /// <summary>Null when the backtest for the newest model is cached; otherwise the job computing it.</summary>
    public async Task<(BacktestReport? Report, JobStatus? Job)> BacktestAsync(CancellationToken ct = default)
    {
        var latest = await RunAsync(s => s.LatestModelAsync(ct), ct: ct);
        if (latest is not null && backtest is { } cached && cached.ModelId == latest.Id) return (cached.Report, null);
        return (null, jobs.Enqueue("risk-backtest", "Kiểm định mô hình trên các quý gần nhất", RunBacktestAsync));
    }

    /// <summary>The patrol plan from stored scores, or the job preparing them.</summary>
    public async Task<(PatrolPlanResult? Plan, JobStatus? Job)> PlanAsync(int quarter, int capacity, double exploration, AreaScope scope,
        CancellationToken ct = default)
    {
        var job = await PrepareScoresAsync(quarter, quarter, ct);
        if (job is not null) return (null, job);
        var plan = await RunAsync(s => s.PlanAsync(quarter, capacity, exploration, scope, ct), ct: ct);
        // scores vanish only when a newer model appears between the two reads: prepare for that one
        return plan is null ? (null, await PrepareScoresAsync(quarter, quarter, ct)) : (plan, null);
    }

    /// <summary>Enqueues the next quarter's scores at start-up when configured and there is incident data.</summary>
    public async Task PrepareAtStartAsync(CancellationToken ct = default)
    {
        if (!Options.PrepareOnStart) return;
        try
        {
            int next = await NextQuarterAsync(ct);
            var job = await PrepareScoresAsync(next, next, ct);
            if (job is not null) logger.LogInformation("risk: queued {Job} at start-up ({JobId})", job.Title, job.Id);
        }
        catch (InvalidOperationException e)
        {
            logger.LogInformation("risk: nothing to prepare at start-up: {Reason}", e.Message);
        }
    }

    private async Task ScoreQuartersAsync(IReadOnlyList<int> quarters, IServiceProvider services, JobProgress progress, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.Actor = "system:risk-jobs";
        var service = new RiskService(db, dataSource);
        var version = await service.LatestModelAsync(ct);
        if (version is null)
        {
            progress.Report(0.05, "Huấn luyện mô hình (lần đầu, mất vài giây)…");
            version = await service.TrainAsync(quarters[0] - 1, ct: ct);
            logger.LogInformation("risk: trained model {ModelId} on {From}…{To}, {Rows} rows", version.Id,
                CalendarQuarter.FromOrdinal(version.TrainingFromQuarter).Label, CalendarQuarter.FromOrdinal(version.TrainingToQuarter).Label, version.TrainingRows);
        }
        for (int i = 0; i < quarters.Count; i++)
        {
            progress.Report(0.5 * (i + 1) / (quarters.Count + 1) + 0.4, $"Chấm điểm quý {CalendarQuarter.FromOrdinal(quarters[i]).Label}…");
            if (await service.HasScoresAsync(quarters[i], version, ct)) continue;
            var rows = await service.ScoreAsync(quarters[i], version, ct);
            logger.LogInformation("risk: model {ModelId} scored {Communes} communes for {Quarter}", version.Id, rows.Count, CalendarQuarter.FromOrdinal(quarters[i]).Label);
        }
    }

    private async Task RunBacktestAsync(IServiceProvider services, JobProgress progress, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.Actor = "system:risk-jobs";
        var service = new RiskService(db, dataSource);
        int last = await service.LastDataQuarterAsync(ct);
        var version = await service.LatestModelAsync(ct);
        if (version is null)
        {
            progress.Report(0.05, "Huấn luyện mô hình (lần đầu, mất vài giây)…");
            version = await service.TrainAsync(last, ct: ct);
        }
        progress.Report(0.3, $"Kiểm định {Options.BacktestQuarters} quý gần nhất…");
        var run = await service.BacktestAsync(last - Options.BacktestQuarters + 1, last, ct: ct);
        backtest = new BacktestCache(version.Id, run.Report);
    }
}
