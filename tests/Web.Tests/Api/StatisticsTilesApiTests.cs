using System.Net;
using System.Text.Json;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using NetTopologySuite.IO.VectorTiles;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// /tiles/{hotspots,clusters,emerging,density} on the province demo: each answers a Mapbox vector tile whose
/// per-commune class equals what the GeoJSON statistics API gives for that commune (regression), a police officer's
/// tiles hold only his communes, a bad parameter answers 400 naming it, and an unchanged tile answers 304.
/// </summary>
public sealed class StatisticsTilesApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Leader = "leader@diaban.local";
    private const string Police = "police@diaban.local";

    // the statistics layers with the API's parameters, and the class property both name
    public static TheoryData<string, string, string> Layers => new()
    {
        { "hotspots", "indicator=incidents&year=2024", "bin" },
        { "clusters", "indicator=incidents&year=2024", "cluster" },
        { "emerging", "from=2024Q1&to=2026Q3", "category" },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public async Task The_tiles_class_of_every_commune_equals_the_statistics_api_s(string layer, string query, string classProperty)
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var api = await ApiClassesAsync(client, layer, query, classProperty);
        Assert.True(api.Count > 20, $"{api.Count} communes from /api/{layer}");
        var tiles = await TileClassesAsync(client, layer, query, classProperty, 10, await TilesApiTests.ExtentAsync(client, 2024));
        Assert.Equal(api.Keys.Order(), tiles.Keys.Order());
        foreach (var (code, cls) in api) Assert.All(tiles[code], c => Assert.Equal(cls, c));
        // not all in one class: the comparison means something
        Assert.True(api.Values.Distinct().Count() > 1, $"/api/{layer} gives one class only");
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public async Task A_police_officer_s_statistics_tiles_hold_only_his_communes(string layer, string query, string classProperty)
    {
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        using var police = await ApiLogin.ClientForAsync(app, Police);
        // his communes of the period (in 2024 the pre-merger communes his current ones came from), as the GeoJSON API gives them
        var assigned = (await ApiClassesAsync(police, layer, query, classProperty)).Keys.Order().ToList();
        Assert.InRange(assigned.Count, 1, DemoAccounts.PoliceCommuneCount * 4);
        var extent = await TilesApiTests.ExtentAsync(leader, 2024);
        var seen = await TileClassesAsync(police, layer, query, classProperty, 10, extent);
        Assert.Equal(assigned, seen.Keys.Order());
        // the province-wide statistic, cut to his communes: the same class as the leader's tiles give them
        var leaderSeen = await TileClassesAsync(leader, layer, query, classProperty, 10, extent);
        Assert.True(leaderSeen.Count > assigned.Count * 10);
        foreach (var code in assigned) Assert.Equal(leaderSeen[code][0], seen[code][0]);
    }

    [Fact]
    public async Task Density_tiles_hold_the_cells_of_the_density_api_and_only_the_police_officer_s_cells()
    {
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        using var police = await ApiLogin.ClientForAsync(app, Police);
        var extent = await TilesApiTests.ExtentAsync(leader, 2024);
        foreach (var client in new[] { leader, police })
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/density?from=2025Q3&to=2026Q2"));
            var api = doc.RootElement.GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("properties").GetProperty("density").GetDouble()).Order().ToArray();
            Assert.NotEmpty(api);
            // at zoom 8 the province is a few tiles; a cell cut by a tile border is in two tiles, so compare the sets
            var tiles = new HashSet<double>();
            foreach (var (x, y) in TilesApiTests.TilesCovering(8, extent.West, extent.South, extent.East, extent.North))
            {
                var tile = await TilesApiTests.TileAsync(client, $"/tiles/density/8/{x}/{y}.mvt?from=2025Q3&to=2026Q2", new(x, y, 8));
                foreach (var f in tile.Layers.Where(l => l.Name == "density").SelectMany(l => l.Features)) tiles.Add(Convert.ToDouble(f.Attributes["density"]));
            }
            Assert.Equal(api.ToHashSet().Order(), tiles.Order());
        }
    }

    [Theory]
    [InlineData("/tiles/hotspots/10/800/450.mvt?indicator=nope&year=2024", "indicator")]
    [InlineData("/tiles/hotspots/10/800/450.mvt?indicator=incidents", "period")]
    [InlineData("/tiles/clusters/10/800/450.mvt?year=2024&measure=weird", "measure")]
    [InlineData("/tiles/clusters/10/800/450.mvt?year=2024&weights=hex", "weights")]
    [InlineData("/tiles/hotspots/10/800/450.mvt?year=2024&fdr=maybe", "fdr")]
    [InlineData("/tiles/emerging/10/800/450.mvt?from=2024Q1", "from and to")]
    [InlineData("/tiles/emerging/10/800/450.mvt?period=2024Q9", "period")]
    [InlineData("/tiles/density/10/800/450.mvt?from=2025Q3&to=2026Q2&radius=-5", "radius")]
    [InlineData("/tiles/density/10/800/4500.mvt?from=2025Q3&to=2026Q2", "y must be")]
    public async Task A_bad_statistics_tile_parameter_answers_400_naming_it(string url, string expected)
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("hotspots", "indicator=incidents&year=2024")]
    [InlineData("clusters", "indicator=incidents&year=2024")]
    [InlineData("emerging", "from=2024Q1&to=2026Q3")]
    [InlineData("density", "from=2025Q3&to=2026Q2")]
    public async Task A_statistics_tile_has_an_etag_of_its_parameters_and_answers_304_while_unchanged(string layer, string query)
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var extent = await TilesApiTests.ExtentAsync(client, 2024);
        var (x, y) = TilesApiTests.TileOf(9, (extent.West + extent.East) / 2, (extent.South + extent.North) / 2);
        var url = $"/tiles/{layer}/9/{x}/{y}.mvt?{query}";
        var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(TileQueries.MediaType, first.Content.Headers.ContentType?.MediaType);
        Assert.True((await first.Content.ReadAsByteArrayAsync()).Length > 100);
        var etag = first.Headers.ETag!.Tag;
        using (var again = new HttpRequestMessage(HttpMethod.Get, url))
        {
            again.Headers.TryAddWithoutValidation("If-None-Match", etag);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }
        // other parameters are another computation: another ETag
        var other = await client.GetAsync(url + "&measure=rate");
        if (layer != "density") Assert.NotEqual(etag, other.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task The_tiles_of_one_view_share_one_computation()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var statistics = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DiaBan.Web.Api.StatisticsTiles>(app.Factory.Services);
        var extent = await TilesApiTests.ExtentAsync(client, 2024);
        var before = statistics.Computed;
        var tiles = TilesApiTests.TilesCovering(10, extent.West, extent.South, extent.East, extent.North).Take(12).ToArray();
        Assert.True(tiles.Length > 4);
        await Task.WhenAll(tiles.Select(t => client.GetAsync($"/tiles/hotspots/10/{t.X}/{t.Y}.mvt?indicator=incidents&year=2022&measure=rate")));
        Assert.Equal(before + 1, statistics.Computed);
    }

    public static TheoryData<string> Requests => new()
    {
        "hotspots|indicator=offenders_arrested&year=2024&measure=rate&weights=knn:6&fdr=false",
        "clusters|indicator=incidents&period=2024Q3&weights=band:2500.5",
        "emerging|from=2024Q1&to=2026Q3&measure=rate&weights=rook",
        "density|from=2025Q3&to=2026Q2&radius=1500",
        "density|period=2025",
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_statistics_tile_request_s_query_reads_back_to_the_same_computation(string layerAndQuery)
    {
        var (name, query) = (layerAndQuery.Split('|')[0], layerAndQuery.Split('|')[1]);
        var layer = DiaBan.Web.Api.TilesApi.Layers[name];
        var (request, problem) = DiaBan.Web.Api.StatisticsTileRequest.Parse(layer, Query(query));
        Assert.Null(problem);
        Assert.Equal(name, request!.LayerName);
        var (again, _) = DiaBan.Web.Api.StatisticsTileRequest.Parse(layer, Query(request.Query));
        Assert.Equal(request.Canonical, again!.Canonical);
        Assert.Equal(request, again);
    }

    [Fact]
    public async Task The_map_view_s_run_and_the_tiles_it_asks_for_share_one_computation()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var services = app.Factory.Services;
        var statistics = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DiaBan.Web.Api.StatisticsTiles>(services);
        var version = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TileQueries>(services).DataVersionAsync();
        var province = (await app.StringsAsync("SELECT code FROM admin_unit WHERE level = 'province'")).Single();
        var year = DiaBan.Analytics.Domain.ReportPeriod.Year(2023);
        // what StatisticsView runs for Gi* of 2023 per resident, with its legend and panel from the whole result
        var request = new DiaBan.Web.Api.StatisticsTileRequest(TileLayer.HotSpots, "incidents", year, year.First, year.Last,
            DiaBan.Geo.Services.StatisticsMeasure.Rate, DiaBan.Analytics.Statistics.Runs.WeightsSpec.Queen, true, null);
        var before = statistics.Computed;
        var run = await statistics.RunAsync(request, AreaScope.Province(province), version);
        Assert.True(run.Local!.Units.Count(u => u.Visible) > 20);
        Assert.Equal(before + 1, statistics.Computed);

        // the tiles the view then asks for (its URL) are drawn from that run: nothing is computed again
        var extent = await TilesApiTests.ExtentAsync(client, 2023);
        var tiles = TilesApiTests.TilesCovering(10, extent.West, extent.South, extent.East, extent.North).Take(8).ToArray();
        var responses = await Task.WhenAll(tiles.Select(t => client.GetAsync($"/tiles/{request.LayerName}/10/{t.X}/{t.Y}.mvt?{request.Query}&v={version}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains(responses, r => r.Content.Headers.ContentLength > 100);
        Assert.Equal(before + 1, statistics.Computed);
    }

    private static QueryCollection Query(string query) => new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static async Task<Dictionary<string, int>> ApiClassesAsync(HttpClient client, string layer, string query, string classProperty)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/{layer}?{query}"));
        return doc.RootElement.GetProperty("features").EnumerateArray().ToDictionary(
            f => f.GetProperty("properties").GetProperty("code").GetString()!,
            f => f.GetProperty("properties").GetProperty(classProperty).GetInt32());
    }

    private static async Task<Dictionary<string, List<int>>> TileClassesAsync(HttpClient client, string layer, string query, string classProperty, int z,
        (double West, double South, double East, double North) extent)
    {
        var result = new Dictionary<string, List<int>>();
        foreach (var (x, y) in TilesApiTests.TilesCovering(z, extent.West, extent.South, extent.East, extent.North))
        {
            VectorTile tile = await TilesApiTests.TileAsync(client, $"/tiles/{layer}/{z}/{x}/{y}.mvt?{query}", new(x, y, z));
            foreach (var f in tile.Layers.Where(l => l.Name == "statistics").SelectMany(l => l.Features))
            {
                var code = (string)f.Attributes["code"];
                (result.TryGetValue(code, out var list) ? list : result[code] = []).Add(Convert.ToInt32(f.Attributes[classProperty]));
            }
        }
        return result;
    }
}
