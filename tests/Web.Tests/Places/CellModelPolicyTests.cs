using DiaBan.Geo.Queries;
using DiaBan.Web.Hosting.Options;
using DiaBan.Web.Places;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Tests.Places;

/// <summary>
/// The sheet's ranking is scored once per (scope, grid, day, horizon, scorer version, data version) and served from memory
/// after, never widening the scope; the trainer retrains a province only when its incidents changed, or daily.
/// Same fixture as <see cref="CellModelSheetTests"/> (the demo on a 1 km grid); every model here is trained for days after
/// that class's sheets, or into a registry of its own, so the order of the tests does not matter.
/// </summary>
public sealed partial class CellModelSheetTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    private async Task<(List<string> Mine, List<string> Other)> PoliceAndAnotherAsync()
    {
        var mine = await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");
        var other = await app.StringsAsync(
            "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND NOT (code = ANY(@mine)) ORDER BY code LIMIT 2",
            ("mine", mine.ToArray()));
        return (mine, other);
    }

    private static IEnumerable<string> CommunesOf(PatrolSheet sheet) => sheet.Units.Select(u => u.Code).Order(StringComparer.Ordinal);

    [Fact]
    public async Task The_sheet_is_scored_once_per_scope_day_and_data_and_never_leaves_the_scope()
    {
        var (mine, other) = await PoliceAndAnotherAsync();
        var cache = app.Factory.Services.GetRequiredService<CellScoreCache>();
        var police = AreaScope.Communes(mine);
        var neighbour = AreaScope.Communes(other);

        // the baseline (no model for this day): keyed by the caller's own scope
        var day = new DateOnly(2026, 5, 4);
        long n0 = cache.Scorings;
        var first = await SheetAsync(police, day);
        var second = await SheetAsync(police, day);
        Assert.Equal("recent_count", first.Scorer);
        Assert.Equal(n0 + 1, cache.Scorings);
        Assert.Equal(first.Units.SelectMany(u => u.Cells.Select(c => c.Info.Id)), second.Units.SelectMany(u => u.Cells.Select(c => c.Info.Id)));
        var theirs = await SheetAsync(neighbour, day);
        Assert.Equal(n0 + 2, cache.Scorings); // another scope, another ranking
        Assert.Equal(mine, CommunesOf(second));
        Assert.Equal(other, CommunesOf(theirs));

        // the province's model (trained for a day after the other test's sheets): keyed by the province, shared by its officers
        var modelDay = new DateOnly(2026, 7, 15);
        var province = (await app.StringsAsync("SELECT code FROM admin_unit WHERE level = 'province' AND valid_to IS NULL")).Single();
        Assert.NotNull(await app.Factory.Services.GetRequiredService<CellModelTrainer>().TrainAsync(province, modelDay));
        long n1 = cache.Scorings;
        var a = await SheetAsync(police, modelDay);
        var b = await SheetAsync(police, modelDay);
        var c = await SheetAsync(neighbour, modelDay);
        Assert.Equal("cell_model", a.Scorer);
        Assert.Equal("cell_model", c.Scorer);
        Assert.Equal(n1 + 1, cache.Scorings); // the province scored once for all three sheets
        Assert.Equal(a.Units.SelectMany(u => u.Cells.Select(x => (x.Info.Id, x.Assignment.Forecast.Score))),
            b.Units.SelectMany(u => u.Cells.Select(x => (x.Info.Id, x.Assignment.Forecast.Score))));
        Assert.Equal(mine, CommunesOf(b));
        Assert.Equal(other, CommunesOf(c)); // the shared province ranking is read through each caller's own cells only
        var ownCells = await app.ScalarAsync<long>("""
            SELECT count(*) FROM grid_cell g JOIN admin_unit u ON u.id = g.unit_id
            WHERE g.size_m = 1000 AND u.code = ANY(@mine) AND g.valid_from <= @day AND (g.valid_to IS NULL OR g.valid_to > @day)
            """, ("mine", mine.ToArray()), ("day", modelDay));
        Assert.True(b.Units.Sum(u => u.CellCount) <= ownCells);

        // the data under it changes (a spot verified in the province): scored again
        await app.ExecuteAsync("""
            WITH s AS (
                INSERT INTO drug_spot (code, kind, geom, unit_id, created_by, created_at)
                SELECT 'cache-test', 'point', ST_PointOnSurface(u.geom), u.id, 'test', now() FROM admin_unit u WHERE u.code = @code AND u.valid_to IS NULL
                RETURNING id)
            INSERT INTO drug_spot_step (spot_id, seq, state, occurred_on, recording_unit, entered_by, entered_at, review)
            SELECT id, 1, 'detected', DATE '2026-07-01', 'test', 'test', now(), 'verified' FROM s
            """, ("code", mine[0]));
        await SheetAsync(police, modelDay);
        Assert.Equal(n1 + 2, cache.Scorings);
        await SheetAsync(police, modelDay);
        Assert.Equal(n1 + 2, cache.Scorings);
    }

    [Fact]
    public async Task The_trainer_retrains_a_province_when_its_incidents_change_or_daily_and_not_for_other_writes()
    {
        var services = app.Factory.Services;
        var clock = new ManualClock(new DateTimeOffset(2026, 8, 1, 2, 0, 0, TimeSpan.Zero));
        var registry = new CellModelRegistry(); // its own: the app's registry keeps serving the other tests
        var trainer = new CellModelTrainer(services.GetRequiredService<PlaceQueries>(), services.GetRequiredService<TileQueries>(), registry,
            services.GetRequiredService<IOptions<GridOptions>>(), Options.Create(new CellModelHostOptions { RetrainHours = 24 }), clock,
            NullLogger<CellModelTrainer>.Instance);
        var province = (await app.StringsAsync("SELECT code FROM admin_unit WHERE level = 'province' AND valid_to IS NULL")).Single();

        Assert.Equal([province], await trainer.RetrainDueAsync());
        Assert.Equal(1, trainer.Trainings);
        Assert.Equal(new DateOnly(2026, 8, 1), registry.Models.Single().Cutoff);
        clock.Now = clock.Now.AddMinutes(15);
        Assert.Empty(await trainer.RetrainDueAsync());

        // writes a tile shows but the model does not read: an indicator and a status (tile_data_version moves)
        var version = await app.ScalarAsync<long>("SELECT version FROM tile_data_version");
        await app.ExecuteAsync("UPDATE unit_indicator SET unit_id = unit_id WHERE id = (SELECT min(id) FROM unit_indicator)");
        await app.ExecuteAsync("UPDATE status_assessment SET unit_id = unit_id WHERE id = (SELECT min(id) FROM status_assessment)");
        Assert.True(await app.ScalarAsync<long>("SELECT version FROM tile_data_version") > version);
        clock.Now = clock.Now.AddMinutes(15);
        Assert.Empty(await trainer.RetrainDueAsync());
        Assert.Equal(1, trainer.Trainings);

        // an incident of the province: retrained at the next check
        await app.ExecuteAsync("""
            INSERT INTO incident (external_id, occurred_on, kind, persons, source, geom, unit_id)
            SELECT 'retrain-test', DATE '2026-07-20', kind, persons, source, geom, unit_id FROM incident WHERE unit_id IS NOT NULL ORDER BY id LIMIT 1
            """);
        clock.Now = clock.Now.AddMinutes(15);
        Assert.Equal([province], await trainer.RetrainDueAsync());
        Assert.Equal(2, trainer.Trainings);
        clock.Now = clock.Now.AddMinutes(15);
        Assert.Empty(await trainer.RetrainDueAsync());

        // nothing changed for a day: retrained once (a new cutoff)
        clock.Now = clock.Now.AddHours(25);
        Assert.Equal([province], await trainer.RetrainDueAsync());
        Assert.Equal(3, trainer.Trainings);
        Assert.Equal(new DateOnly(2026, 8, 2), registry.Models.Single().Cutoff);
    }
}
