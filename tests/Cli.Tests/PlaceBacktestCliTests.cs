using System.Globalization;
using System.Text.Json;

namespace DiaBan.Cli.Tests;

/// <summary>
/// `diaban model backtest --grid N --horizon month` on the database (not --simulated): the demo province with a 1 km grid
/// (the 250 m grid of the demo is ~108,000 squares; 1 km keeps the test short and runs the same code path).
/// </summary>
public class PlaceBacktestCliTests(PlaceBacktestCliTests.Fixture fx) : IClassFixture<PlaceBacktestCliTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public CliRunner.Run Seed { get; private set; } = null!;
        public CliRunner.Run Grid { get; private set; } = null!;
        public CliRunner.Run Backtest { get; private set; } = null!;
        public CliRunner.Run NoGrid { get; private set; } = null!;
        /// <summary>The same backtest after businesses and spots known only after its last origin were added.</summary>
        public CliRunner.Run WithLaterPlaces { get; private set; } = null!;
        /// <summary>…and then the same places known from mid-2024, before every origin (the context does matter).</summary>
        public CliRunner.Run WithEarlierPlaces { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Seed = await CliRunner.RunAsync(ConnectionString, "demo", "seed", "--no-grid");
            NoGrid = await CliRunner.RunAsync(ConnectionString, "model", "backtest", "--grid", "1000", "--horizon", "month", "--from", "2025Q4", "--to", "2025Q4");
            Grid = await CliRunner.RunAsync(ConnectionString, "grid", "build", "--size", "1000");
            Backtest = await CliRunner.RunAsync(ConnectionString, "model", "backtest", "--grid", "1000", "--horizon", "month",
                "--from", "2025Q4", "--to", "2025Q4", "--format", "json");
            // the folds start on 1 Oct, 1 Nov and 1 Dec 2025 (training origins before each): places dated after 1 Dec
            // must change nothing; the same places dated mid-2024 must change the model's forecasts
            await AddPlacesAsync("late", "2025-12-02");
            WithLaterPlaces = await CliRunner.RunAsync(ConnectionString, "model", "backtest", "--grid", "1000", "--horizon", "month",
                "--from", "2025Q4", "--to", "2025Q4", "--format", "json");
            await AddPlacesAsync("early", "2024-06-01");
            WithEarlierPlaces = await CliRunner.RunAsync(ConnectionString, "model", "backtest", "--grid", "1000", "--horizon", "month",
                "--from", "2025Q4", "--to", "2025Q4", "--format", "json");
        }

        // a business and a verified open spot at each of the 40 places with the most incidents in 2025 (to the 10 m), dated
        private async Task AddPlacesAsync(string tag, string on)
        {
            await using var c = new Npgsql.NpgsqlConnection(ConnectionString);
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"""
                CREATE TEMP TABLE place AS
                SELECT row_number() OVER (ORDER BY count(*) DESC, min(i.id)) AS k, (array_agg(i.geom ORDER BY i.id))[1] AS geom,
                       (array_agg(i.unit_id ORDER BY i.id))[1] AS unit_id
                FROM incident i WHERE i.occurred_on >= DATE '2025-01-01' AND i.unit_id IS NOT NULL
                GROUP BY ST_SnapToGrid(ST_Transform(i.geom, 32648), 10) ORDER BY count(*) DESC, min(i.id) LIMIT 40;
                INSERT INTO conditional_business (external_id, kind, name, opened_on, geom, unit_id)
                SELECT '{tag}-' || k, 'bar', 'test', DATE '{on}', geom, unit_id FROM place;
                WITH spot AS (
                    INSERT INTO drug_spot (code, kind, geom, unit_id, created_by, created_at)
                    SELECT '{tag}-' || k, 'point', geom, unit_id, 'test', now() FROM place RETURNING id)
                INSERT INTO drug_spot_step (spot_id, seq, state, occurred_on, recording_unit, entered_by, entered_at, review)
                SELECT id, 1, 'detected', DATE '{on}', 'test', 'test', now(), 'verified' FROM spot;
                DROP TABLE place;
                """, c);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static readonly string[] PaiShares = ["0.005", "0.01", "0.02", "0.05", "0.1"];

    [Fact]
    public void Database_backtest_prints_the_cell_report_with_every_method_and_area_share()
    {
        Assert.True(fx.Seed.ExitCode == 0, fx.Seed.Err);
        Assert.True(fx.Grid.ExitCode == 0, fx.Grid.Err);
        Assert.True(fx.Backtest.ExitCode == 0, fx.Backtest.Err);
        using var doc = JsonDocument.Parse(fx.Backtest.Out);
        var root = doc.RootElement;
        Assert.Equal(["last_period", "kde", "etas"], root.GetProperty("baselines").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1000, root.GetProperty("grid_m").GetDouble());
        Assert.Equal("month", root.GetProperty("horizon").GetString());
        Assert.Equal(3, root.GetProperty("folds").GetInt32()); // October, November, December 2025
        Assert.True(root.GetProperty("cells").GetInt32() > 1000);
        Assert.True(root.GetProperty("test_incidents").GetInt32() > 0);
        foreach (var m in new[] { root.GetProperty("model"), root.GetProperty("baselines").GetProperty("last_period"),
                     root.GetProperty("baselines").GetProperty("kde"), root.GetProperty("baselines").GetProperty("etas") })
        {
            Assert.Equal(PaiShares, m.GetProperty("pai").EnumerateObject().Select(p => p.Name));
            Assert.Equal(PaiShares, m.GetProperty("hit_rate").EnumerateObject().Select(p => p.Name));
            Assert.Equal(["0.01", "0.05"], m.GetProperty("pei_star").EnumerateObject().Select(p => p.Name));
            foreach (var share in PaiShares)
            {
                double a = double.Parse(share, CultureInfo.InvariantCulture);
                Assert.Equal(m.GetProperty("hit_rate").GetProperty(share).GetDouble() / a, m.GetProperty("pai").GetProperty(share).GetDouble(), 9);
            }
            Assert.InRange(m.GetProperty("auc").GetDouble(), 0.5, 1);
        }
    }

    [Fact]
    public void Database_backtest_reads_at_each_origin_only_the_places_known_then()
    {
        Assert.True(fx.WithLaterPlaces.ExitCode == 0, fx.WithLaterPlaces.Err);
        Assert.True(fx.WithEarlierPlaces.ExitCode == 0, fx.WithEarlierPlaces.Err);
        // businesses opened and spots registered after the last origin: every fold and training origin reads as before
        Assert.Equal(fx.Backtest.Out, fx.WithLaterPlaces.Out);
        // the same places known before the origins change the cell model's forecasts (the context is read at all)
        using var before = JsonDocument.Parse(fx.Backtest.Out);
        using var after = JsonDocument.Parse(fx.WithEarlierPlaces.Out);
        Assert.NotEqual(before.RootElement.GetProperty("model").GetRawText(), after.RootElement.GetProperty("model").GetRawText());
        Assert.Equal(before.RootElement.GetProperty("baselines").GetRawText(), after.RootElement.GetProperty("baselines").GetRawText());
    }

    [Fact]
    public void Without_the_grid_the_backtest_says_how_to_build_it()
    {
        Assert.NotEqual(0, fx.NoGrid.ExitCode);
        Assert.Contains("grid build --size 1000", fx.NoGrid.Err);
    }
}
