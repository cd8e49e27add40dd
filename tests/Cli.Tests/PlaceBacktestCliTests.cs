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

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Seed = await CliRunner.RunAsync(ConnectionString, "demo", "seed", "--no-grid");
            NoGrid = await CliRunner.RunAsync(ConnectionString, "model", "backtest", "--grid", "1000", "--horizon", "month", "--from", "2025Q4", "--to", "2025Q4");
            Grid = await CliRunner.RunAsync(ConnectionString, "grid", "build", "--size", "1000");
            Backtest = await CliRunner.RunAsync(ConnectionString, "model", "backtest", "--grid", "1000", "--horizon", "month",
                "--from", "2025Q4", "--to", "2025Q4", "--format", "json");
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
    public void Without_the_grid_the_backtest_says_how_to_build_it()
    {
        Assert.NotEqual(0, fx.NoGrid.ExitCode);
        Assert.Contains("grid build --size 1000", fx.NoGrid.Err);
    }
}
