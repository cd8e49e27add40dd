using System.Globalization;
using DiaBan.Analytics.Statistics;
using DiaBan.Demo.Province;

namespace DiaBan.Cli.Tests.Stats;

/// <summary>`diaban stats --indicator/--from` on the seeded synthetic demo province, checked against the generator's own incidents.</summary>
public class StatsDatabaseCliTests(StatsDatabaseCliTests.Fixture fx) : IClassFixture<StatsDatabaseCliTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public DemoProvince Demo { get; } = DemoProvinceGenerator.Generate();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = await CliRunner.RunAsync(ConnectionString, "demo", "seed", "--no-grid");
            Assert.True(seed.ExitCode == 0, seed.Err);
        }

        public Task<StatsRun> StatsAsync(params string[] args) => StatsRun.RunAsync([.. args, "--db", ConnectionString]);
    }

    [Fact]
    public async Task Gistar_on_a_years_incidents_has_one_row_per_commune_with_the_counts_inside_it()
    {
        var run = await fx.StatsAsync("gistar", "--indicator", "incidents", "--year", "2024", "--fdr");
        var rows = run.Rows();
        var units = fx.Demo.PreMergerUnits;
        Assert.Equal(units.Select(u => u.Code).Order(StringComparer.Ordinal), rows.Select(r => r["code"]));
        var counts = fx.Demo.Incidents.Where(i => i.Date.Year == 2024).GroupBy(i => i.PreMergerUnitCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(rows, r => Assert.Equal(counts.GetValueOrDefault(r["code"]), int.Parse(r["value"], CultureInfo.InvariantCulture)));
        // the synthetic province has one island commune: it gets no statistic and the run says so
        Assert.Equal((units.Count - 1).ToString(CultureInfo.InvariantCulture), run.Facts()["analysed"]);
        Assert.Single(rows, r => r["neighbours"] == "0" && r["z"] == "");
        Assert.Contains("Benjamini", run.Facts()["significance"]);
    }

    [Fact]
    public async Task Rate_measure_divides_by_the_population_per_10000_residents()
    {
        var counts = (await fx.StatsAsync("localmoran", "--indicator", "incidents", "--year", "2023")).Rows().ToDictionary(r => r["code"]);
        var rates = (await fx.StatsAsync("localmoran", "--indicator", "incidents", "--year", "2023", "--measure", "rate")).Rows();
        var population = await fx.ScalarAsync<string>("""
            SELECT string_agg(u.code || ':' || coalesce(r.population_resident, u.population), ',') FROM admin_unit u
            LEFT JOIN unit_indicator r ON r.unit_id = u.id AND r.year = 2023
            WHERE u.level = 'commune' AND u.valid_to = '2025-07-01'
            """);
        var people = population.Split(',').Select(p => p.Split(':')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        Assert.All(rates, r => Assert.Equal(
            double.Parse(counts[r["code"]]["value"], CultureInfo.InvariantCulture) * 10_000 / people[r["code"]],
            double.Parse(r["value"], CultureInfo.InvariantCulture), 9));
    }

    [Fact]
    public async Task Moran_on_a_database_layer_prints_its_json_object()
    {
        using var json = (await fx.StatsAsync("moran", "--indicator", "offenders_arrested", "--year", "2022", "--permutations", "99")).Json();
        var m = json.RootElement;
        Assert.Equal(fx.Demo.PreMergerUnits.Count - 1, m.GetProperty("n").GetInt32());
        Assert.Equal(-1.0 / (m.GetProperty("n").GetInt32() - 1), m.GetProperty("expected").GetDouble(), 12);
        Assert.True(m.GetProperty("variance_randomisation").GetDouble() > 0);
        Assert.Equal(99, m.GetProperty("permutations").GetInt32());
    }

    [Fact]
    public async Task Ehsa_over_quarters_classifies_every_commune_valid_at_the_end_of_the_span()
    {
        var run = await fx.StatsAsync("ehsa", "--from", "2024Q1", "--to", "2026Q3");
        var rows = run.Rows();
        Assert.Equal(fx.Demo.PostMergerUnits.Select(u => u.Code).Order(StringComparer.Ordinal), rows.Select(r => r["code"]));
        Assert.All(rows, r => Assert.Equal(((EmergingCategory)int.Parse(r["category"], CultureInfo.InvariantCulture)).Vietnamese(), r["label"]));
        Assert.All(rows, r => Assert.Equal(((EmergingCategory)int.Parse(r["category"], CultureInfo.InvariantCulture)).ToString(), r["category_name"]));
        Assert.Contains("3 quarter(s) back", run.Facts()["time_window"]);
        Assert.Contains("2026-09-30", run.Facts()["layer"]);
    }

    [Fact]
    public async Task Kde_cells_hold_about_every_incident_of_the_span()
    {
        var run = await fx.StatsAsync("kde", "--from", "2024Q1", "--to", "2024Q4");
        var expected = run.Rows().Sum(r => double.Parse(r["expected"], CultureInfo.InvariantCulture));
        var incidents = fx.Demo.Incidents.Count(i => i.Date.Year == 2024);
        Assert.Equal(incidents.ToString(CultureInfo.InvariantCulture), run.Facts()["incidents"]);
        // the grid covers the province; kernels of incidents near its edge spill a little outside it
        Assert.InRange(expected, 0.9 * incidents, 1.0001 * incidents);
    }

    [Fact]
    public async Task A_year_without_communes_is_an_error_not_an_empty_table()
    {
        var run = await fx.StatsAsync("gistar", "--indicator", "incidents", "--year", "2010");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("only 0 communes", run.Err);
    }
}
