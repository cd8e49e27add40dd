using System.Net;
using System.Text.Json;
using DiaBan.Analytics.Statistics;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>/api/hotspots, /api/clusters, /api/emerging, /api/density on the seeded demo province.</summary>
public sealed class StatisticsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Admin = "admin@diaban.local";
    private const string Police = "police@diaban.local";

    private async Task<JsonDocument> GetAsync(string email, string url)
    {
        using var client = await ApiLogin.ClientForAsync(app, email);
        return await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync(url));
    }

    private static Dictionary<string, JsonElement> ByCode(JsonDocument doc) =>
        GeoJsonAssert.Features(doc).ToDictionary(f => f.GetProperty("properties").GetProperty("code").GetString()!, f => f.GetProperty("properties"));

    private static double? Number(JsonElement p, string name) =>
        p.GetProperty(name).ValueKind == JsonValueKind.Null ? null : p.GetProperty(name).GetDouble();

    [Fact]
    public async Task Hotspots_cover_the_communes_of_the_year_with_z_p_and_fdr_bins()
    {
        using var doc = await GetAsync(Admin, "/api/hotspots?indicator=incidents&year=2024");
        var features = GeoJsonAssert.Features(doc);
        var expected = await app.ScalarAsync<long>(
            "SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_from <= '2024-12-31' AND (valid_to IS NULL OR '2024-12-31' < valid_to)");
        Assert.Equal(expected, features.Count);
        foreach (var f in features) GeoJsonAssert.IsDisplayPolygon(f);
        var props = features.Select(f => f.GetProperty("properties")).Where(p => Number(p, "z") is not null).ToList();
        Assert.All(props, p => Assert.True(p.GetProperty("fdr").GetBoolean()));
        // Benjamini–Hochberg at 0.10/0.05/0.01, recomputed here from the returned p-values (ANALYTICS.md §4)
        var p = props.Select(x => Number(x, "p")!.Value).ToArray();
        var n = p.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => p[i]).ToArray();
        int Survives(double alpha)
        {
            var k = 0;
            for (var rank = 1; rank <= n; rank++) if (p[order[rank - 1]] <= rank * alpha / n) k = rank;
            return k;
        }
        var cut = new[] { 0.01, 0.05, 0.10 }.Select(a => Survives(a) == 0 ? -1.0 : p[order[Survives(a) - 1]]).ToArray();
        for (var i = 0; i < n; i++)
        {
            var level = p[i] <= cut[0] ? 3 : p[i] <= cut[1] ? 2 : p[i] <= cut[2] ? 1 : 0;
            Assert.Equal(Math.Sign(Number(props[i], "z")!.Value) * level, props[i].GetProperty("bin").GetInt32());
            Assert.Equal(StatisticLabels.HotSpotBin(props[i].GetProperty("bin").GetInt32()), props[i].GetProperty("label").GetString());
        }
        // the island commune has no neighbours: no statistic, said in words
        Assert.Single(features, f => f.GetProperty("properties").GetProperty("neighbours").GetInt32() == 0);
    }

    [Fact]
    public async Task A_police_officer_gets_the_province_wide_statistic_of_the_assigned_communes_only()
    {
        using var admin = await GetAsync(Admin, "/api/hotspots?year=2026");
        using var police = await GetAsync(Police, "/api/hotspots?year=2026");
        var all = ByCode(admin);
        var mine = ByCode(police);
        Assert.Equal(DiaBan.Web.Auth.DemoAccounts.PoliceCommuneCount, mine.Count);
        Assert.True(all.Count > mine.Count * 5);
        foreach (var (code, p) in mine)
        {
            // computed on the whole province, then filtered: identical to what the administrator sees
            Assert.Equal(Number(all[code], "z"), Number(p, "z"));
            Assert.Equal(all[code].GetProperty("bin").GetInt32(), p.GetProperty("bin").GetInt32());
        }
        using var emergingAll = await GetAsync(Admin, "/api/emerging?from=2024Q1&to=2026Q3");
        using var emergingMine = await GetAsync(Police, "/api/emerging?from=2024Q1&to=2026Q3");
        var allEmerging = ByCode(emergingAll);
        Assert.Equal(mine.Keys.Order(), ByCode(emergingMine).Keys.Order());
        Assert.All(ByCode(emergingMine), kv => Assert.Equal(Number(allEmerging[kv.Key], "trendZ"), Number(kv.Value, "trendZ")));
    }

    [Fact]
    public async Task Clusters_label_every_commune_with_its_lisa_quadrant_or_not_significant()
    {
        using var doc = await GetAsync(Admin, "/api/clusters?indicator=offenders_arrested&year=2023&measure=rate");
        var props = GeoJsonAssert.Features(doc).Select(f => f.GetProperty("properties")).ToList();
        Assert.NotEmpty(props);
        foreach (var p in props)
        {
            var cluster = (LisaCluster)p.GetProperty("cluster").GetInt32();
            Assert.Contains(cluster, Enum.GetValues<LisaCluster>());
            Assert.Equal(cluster.Vietnamese(), p.GetProperty("label").GetString());
            if (cluster is not (LisaCluster.NotSignificant or LisaCluster.Neighbourless)) Assert.True(Number(p, "p") < 0.05);
            Assert.Equal("rate", p.GetProperty("measure").GetString());
        }
        Assert.Contains(props, p => p.GetProperty("cluster").GetInt32() == (int)LisaCluster.NotSignificant);
    }

    [Fact]
    public async Task Emerging_gives_a_category_with_its_vietnamese_label_and_the_trend_for_every_commune_valid_at_the_end()
    {
        using var doc = await GetAsync(Admin, "/api/emerging?from=2019Q1&to=2025Q2&measure=rate");
        var features = GeoJsonAssert.Features(doc);
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to = '2025-07-01'"), features.Count);
        foreach (var p in features.Select(f => f.GetProperty("properties")))
        {
            var category = (EmergingCategory)p.GetProperty("category").GetInt32();
            Assert.Equal(category.ToString(), p.GetProperty("categoryName").GetString());
            Assert.Equal(category.Vietnamese(), p.GetProperty("label").GetString());
            Assert.Equal(26, p.GetProperty("quarters").GetInt32());
            Assert.InRange(Number(p, "trendP")!.Value, 0, 1);
        }
        Assert.Contains(features, f => f.GetProperty("properties").GetProperty("category").GetInt32() != 0);
    }

    [Fact]
    public async Task Emerging_accepts_quarters_written_with_a_hyphen_and_gives_the_same_result()
    {
        using var compact = await GetAsync(Admin, "/api/emerging?from=2024Q1&to=2026Q3");
        using var hyphen = await GetAsync(Admin, "/api/emerging?from=2024-Q1&to=2026-q3");
        var expected = ByCode(compact);
        var actual = ByCode(hyphen);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(actual, kv => Assert.Equal(Number(expected[kv.Key], "trendZ"), Number(kv.Value, "trendZ")));
    }

    [Fact]
    public async Task An_absurd_year_is_refused_with_the_accepted_range()
    {
        using var client = await ApiLogin.ClientForAsync(app, Admin);
        var response = await client.GetAsync("/api/emerging?from=0001Q1&to=2026Q3");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1990–2100", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_span_ending_in_a_quarter_without_incidents_is_a_clear_400_not_a_500()
    {
        using var client = await ApiLogin.ClientForAsync(app, Admin);
        var response = await client.GetAsync("/api/emerging?from=2026Q1&to=2027Q2");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
    }

    [Fact]
    public async Task Density_returns_small_grid_cells_and_a_police_officer_gets_only_those_in_the_assigned_area()
    {
        using var admin = await GetAsync(Admin, "/api/density?from=2025Q3&to=2026Q2");
        var cells = GeoJsonAssert.Features(admin);
        // the demo province is deterministic: the same incidents give the same grid every run
        // (180 cells and 42 for the officer before the demo's status calibration made most rural communes calm)
        Assert.Equal(111, cells.Count);
        var meta = admin.RootElement.GetProperty("density");
        var peak = meta.GetProperty("maximumPerKm2").GetDouble();
        Assert.All(cells, c => Assert.InRange(c.GetProperty("properties").GetProperty("density").GetDouble(), 0.05 * peak - 1e-3, peak + 1e-3));
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM incident WHERE occurred_on >= '2025-07-01' AND occurred_on < '2026-07-01'"),
            meta.GetProperty("incidents").GetInt32());
        using var police = await GetAsync(Police, "/api/density?from=2025Q3&to=2026Q2");
        var mine = GeoJsonAssert.Features(police).Select(c => c.GetProperty("id").GetString()).ToList();
        // the officer's three communes hold some of the cells, never all of them
        Assert.Equal(14, mine.Count);
        Assert.Equal(mine.Count, mine.Intersect(cells.Select(c => c.GetProperty("id").GetString())).Count());
    }

    [Theory]
    [InlineData("/api/hotspots")]
    [InlineData("/api/hotspots?year=2024&indicator=arrests")]
    [InlineData("/api/hotspots?year=2024&weights=knn:0")]
    [InlineData("/api/clusters?year=2024&measure=percent")]
    [InlineData("/api/emerging?from=2024Q3&to=2024Q1")]
    [InlineData("/api/emerging?from=2024-01&to=2024Q4")]
    [InlineData("/api/density?from=2024Q1")]
    [InlineData("/api/hotspots?year=2005")]
    public async Task Bad_parameters_answer_400_problem_details(string url)
    {
        using var client = await ApiLogin.ClientForAsync(app, Admin);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/hotspots?year=2024")]
    [InlineData("/api/clusters?year=2024")]
    [InlineData("/api/emerging?from=2024Q1&to=2024Q4")]
    [InlineData("/api/density?from=2024Q1&to=2024Q4")]
    public async Task Statistics_need_a_signed_in_user(string url)
    {
        using var client = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
    }
}
