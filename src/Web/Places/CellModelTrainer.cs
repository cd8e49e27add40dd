using DiaBan.Analytics.Places;
using DiaBan.Geo.Queries;
using DiaBan.Web.Hosting.Options;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Places;

/// <summary>
/// Trains the cell model of each province on the WHOLE province's cells (read server-side with a province scope, never
/// shown to anyone) for forecasts from today, one province at a time, at start-up and again when the data version
/// (tile_data_version, bumped by every incident write) changed or the last training is older than
/// <see cref="CellModelHostOptions.RetrainHours"/>; puts them in <see cref="CellModelRegistry"/>. Cancelled with the host
/// between provinces (a FastTree fit itself runs to its end).
/// </summary>
public sealed class CellModelTrainer(PlaceQueries places, TileQueries tiles, CellModelRegistry registry, IOptions<GridOptions> grid,
    IOptions<CellModelHostOptions> options, TimeProvider clock, ILogger<CellModelTrainer> log) : BackgroundService
{
    private long? trainedVersion;
    private DateTimeOffset trainedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var version = await tiles.DataVersionAsync(stoppingToken);
                if (version != trainedVersion || clock.GetUtcNow() - trainedAt > TimeSpan.FromHours(o.RetrainHours))
                {
                    var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
                    foreach (var province in await places.GriddedProvincesAsync(grid.Value.CellSizeM, today, stoppingToken))
                        await TrainAsync(province, today, stoppingToken);
                    trainedVersion = version;
                    trainedAt = clock.GetUtcNow();
                }
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
    /// Trains one province's model for sheets from <paramref name="day"/> on and registers it; null when the province has
    /// no cells or too few incidents to train (the sheet then keeps the baseline).
    /// </summary>
    public async Task<TrainedCellModel?> TrainAsync(string provinceCode, DateOnly day, CancellationToken ct = default)
    {
        int size = grid.Value.CellSizeM;
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
