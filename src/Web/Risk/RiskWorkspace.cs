using DiaBan.Analytics.Risk;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Web.Risk;

/// <summary>
/// Runs RiskService work on a fresh DiaBanDb each time (Blazor circuits and API requests share this singleton) and
/// serialises anything that may train or score, so two first visits do not train two models.
/// When no model exists the first request trains one on demand (a few seconds on the demo province).
/// </summary>
public sealed class RiskWorkspace(IDbContextFactory<DiaBanDb> dbs, NpgsqlDataSource dataSource)
{
    /// <summary>Forecast quarters the backtest API reports (the newest ones with outcomes).</summary>
    public const int BacktestQuarters = 4;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (int ModelId, BacktestReport Report)? _backtest;

    public RiskQueries Queries { get; } = new(dataSource);

    public async Task<T> RunAsync<T>(Func<RiskService, Task<T>> work, string? actor = null, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (actor is not null) db.Actor = actor;
            return await work(new RiskService(db, dataSource));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The quarter after the last complete quarter of incident data: the one to plan for.</summary>
    public Task<int> NextQuarterAsync(CancellationToken ct = default) =>
        RunAsync(async s => await s.LastDataQuarterAsync(ct) + 1, ct: ct);

    /// <summary>Backtest of the newest <see cref="BacktestQuarters"/> quarters with outcomes, computed once per model version.</summary>
    public async Task<BacktestReport> BacktestAsync(CancellationToken ct = default) =>
        await RunAsync(async s =>
        {
            int last = await s.LastDataQuarterAsync(ct);
            var version = await s.LatestModelAsync(ct) ?? await s.TrainAsync(last, ct: ct);
            if (_backtest is { } cached && cached.ModelId == version.Id) return cached.Report;
            var run = await s.BacktestAsync(last - BacktestQuarters + 1, last, ct: ct);
            _backtest = (version.Id, run.Report);
            return run.Report;
        }, ct: ct);
}
