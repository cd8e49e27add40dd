using DiaBan.Analytics.Places;
using DiaBan.Geo.Queries;
using DiaBan.Web.Hosting.Options;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Places;

/// <summary>
/// Trains the cell model of each province on the WHOLE province's cells (read server-side with a province scope, never
/// shown to anyone) for forecasts from today, one province at a time, and puts them in <see cref="CellModelRegistry"/>.
/// Every <see cref="CellModelHostOptions.CheckMinutes"/> it looks at tile_data_version (bumped by any write a tile shows:
/// incidents, but also statuses, indicators, boundaries); only when that moved, or some model is older than
/// <see cref="CellModelHostOptions.RetrainHours"/>, does it read each gridded province's incident fingerprint
/// (<see cref="PlaceQueries.DataVersionAsync"/>: count and largest id) and retrain the provinces whose incidents changed, or
/// whose model is older than RetrainHours (daily by default: a new day's cutoff, spots and businesses). A status or
/// indicator change retrains nothing. Cancelled with the host between provinces (a FastTree fit itself runs to its end).
/// </summary>
public sealed class CellModelTrainer(PlaceQueries places, TileQueries tiles, CellModelRegistry registry, IOptions<GridOptions> grid,
    IOptions<CellModelHostOptions> options, TimeProvider clock, ILogger<CellModelTrainer> log) : BackgroundService
{
    private readonly Dictionary<string, (IncidentFingerprint Incidents, DateTimeOffset At)> trained = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);
    private long? seenVersion;
    private long trainings;

    /// <summary>How many province trainings were started (by the schedule or <see cref="TrainAsync"/>).</summary>
    public long Trainings => Interlocked.Read(ref trainings);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RetrainDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning(e, "Cell model training failed; the patrol sheet keeps the recent-count baseline until the next try");
            }
            try { await Task.Delay(TimeSpan.FromMinutes(o.CheckMinutes), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// One check of the schedule: retrains the gridded provinces whose incidents changed since their last training, or
    /// whose last training is older than <see cref="CellModelHostOptions.RetrainHours"/>; returns their codes.
    /// </summary>
    public async Task<IReadOnlyList<string>> RetrainDueAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            var version = await tiles.DataVersionAsync(ct);
            var maxAge = TimeSpan.FromHours(options.Value.RetrainHours);
            var now = clock.GetUtcNow();
            if (version == seenVersion && trained.Values.All(t => now - t.At <= maxAge)) return [];
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var done = new List<string>();
            foreach (var province in await places.GriddedProvincesAsync(grid.Value.CellSizeM, today, ct))
            {
                // read before training: an incident written during the fit shows as a change at the next check
                var incidents = (await places.DataVersionAsync(AreaScope.Province(province), ct)).Incidents;
                if (trained.TryGetValue(province, out var last) && last.Incidents == incidents && now - last.At <= maxAge) continue;
                await TrainAsync(province, today, ct);
                trained[province] = (incidents, clock.GetUtcNow());
                done.Add(province);
            }
            seenVersion = version;
            return done;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Trains one province's model for sheets from <paramref name="day"/> on and registers it; null when the province has
    /// no cells or too few incidents to train (the sheet then keeps the baseline).
    /// </summary>
    public async Task<TrainedCellModel?> TrainAsync(string provinceCode, DateOnly day, CancellationToken ct = default)
    {
        int size = grid.Value.CellSizeM;
        Interlocked.Increment(ref trainings);
        var version = await tiles.DataVersionAsync(ct);
        var input = await places.ScoringInputAsync(AreaScope.Province(provinceCode), size, day, ForecastHorizon.Week,
            PatrolSheetService.LoadOptions, ct);
        if (input.Cells.Count == 0) return null;
        // never retrains inside Score: the registry only hands it inputs on or after the cutoff, and the trainer replaces it
        var scorer = new CellModelScorer(new CellModelOptions { RetrainDays = int.MaxValue / 2 });
        var started = clock.GetTimestamp();
        try
        {
            await Task.Run(() => scorer.Score(input), ct);
        }
        catch (InvalidOperationException e)
        {
            log.LogInformation("Cell model of province {Province} not trained: {Reason}", provinceCode, e.Message);
            return null;
        }
        var model = new TrainedCellModel(provinceCode, size, ForecastHorizon.Week, day, input.Cells.Select(c => c.UnitId).ToHashSet(),
            input.Cells.Count, version, clock.GetUtcNow(), scorer);
        registry.Set(model);
        log.LogInformation("Cell model of province {Province} trained on {Cells} cells for {Day} in {Elapsed}", provinceCode,
            input.Cells.Count, day, clock.GetElapsedTime(started));
        return model;
    }
}
