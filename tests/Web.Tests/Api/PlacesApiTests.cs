using System.Net;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>/api/incidents, /api/businesses, /api/routes on the seeded demo: area scope, filters, the bound, 400s.</summary>
public sealed class PlacesApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<string[]> PoliceCommunesAsync() => (await app.StringsAsync(
        """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""")).ToArray();

    // 2026 lies after the merger, so every incident of the year belongs to a current commune (codes are reused across the merger)
    private const string Incidents2026InCommunes = """
        SELECT count(*) FROM incident i JOIN admin_unit u ON u.id = i.unit_id
        WHERE u.valid_to IS NULL AND u.code = ANY(@codes) AND i.occurred_on BETWEEN '2026-01-01' AND '2026-12-31'
        """;

    private static async Task<JsonDocument> GetAsync(HttpClient client, string url) =>
        await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync(url));

    private static string Prop(JsonElement feature, string name) => feature.GetProperty("properties").GetProperty(name).ToString();

    [Fact]
    public async Task Police_sees_only_the_incidents_of_his_communes_with_the_popup_properties_and_no_more()
    {
        var mine = await PoliceCommunesAsync();
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var doc = await GetAsync(police, "/api/incidents?from=2026-01-01&to=2026-12-31");
        var features = GeoJsonAssert.Features(doc);
        var expected = await app.ScalarAsync<long>(Incidents2026InCommunes, ("codes", mine));
        Assert.True(expected > 0, "the demo has 2026 incidents in the police officer's communes");
        Assert.Equal(expected, features.Count);
        Assert.Equal(expected, doc.RootElement.GetProperty("matched").GetInt64());
        Assert.False(doc.RootElement.GetProperty("truncated").GetBoolean());
        Assert.All(features, f => Assert.Contains(Prop(f, "communeCode"), mine));
        var first = features[0];
        Assert.Equal("Point", first.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(
            ["communeCode", "communeName", "date", "id", "kind", "persons", "recordedBy", "source", "time"],
            first.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        // the demo fills the recording unit: commune police, and the province's PC04 for some
        Assert.All(features, f => Assert.StartsWith("Công an", Prop(f, "recordedBy").Replace("Phòng Cảnh sát điều tra tội phạm về ma túy (PC04) ", "")));
        // newest first
        var dates = features.Select(f => DateOnly.Parse(Prop(f, "date"))).ToList();
        Assert.Equal(dates.OrderDescending(), dates);

        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        using var all = await GetAsync(admin, "/api/incidents?from=2026-01-01&to=2026-12-31");
        Assert.True(GeoJsonAssert.Features(all).Count > features.Count);
    }

    [Fact]
    public async Task Filters_by_kind_source_dates_and_bbox_answer_what_sql_counts()
    {
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        using var arrests = await GetAsync(admin, "/api/incidents?from=2024-01-01&to=2024-12-31&kind=arrest&source=patrol,tip");
        var expected = await app.ScalarAsync<long>("""
            SELECT count(*) FROM incident WHERE occurred_on BETWEEN '2024-01-01' AND '2024-12-31' AND kind = 'arrest' AND source IN ('patrol', 'tip')
            """);
        Assert.True(expected > 0);
        Assert.Equal(expected, GeoJsonAssert.Features(arrests).Count);
        Assert.All(GeoJsonAssert.Features(arrests), f =>
        {
            Assert.Equal("arrest", Prop(f, "kind"));
            Assert.Contains(Prop(f, "source"), new[] { "patrol", "tip" });
            Assert.Equal(2024, DateOnly.Parse(Prop(f, "date")).Year);
        });

        // a box around the middle of the province: exactly the points inside it
        var (minLon, minLat, maxLon, maxLat) = (await app.ScalarAsync<double>("SELECT ST_XMin(geom) FROM admin_unit WHERE level = 'province'"),
            await app.ScalarAsync<double>("SELECT ST_YMin(geom) FROM admin_unit WHERE level = 'province'"),
            await app.ScalarAsync<double>("SELECT (ST_XMin(geom) + ST_XMax(geom)) / 2 FROM admin_unit WHERE level = 'province'"),
            await app.ScalarAsync<double>("SELECT (ST_YMin(geom) + ST_YMax(geom)) / 2 FROM admin_unit WHERE level = 'province'"));
        var bbox = string.Join(',', new[] { minLon, minLat, maxLon, maxLat }.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        using var boxed = await GetAsync(admin, $"/api/incidents?from=2025-01-01&to=2025-12-31&bbox={bbox}");
        var inBox = await app.ScalarAsync<long>("""
            SELECT count(*) FROM incident WHERE occurred_on BETWEEN '2025-01-01' AND '2025-12-31'
              AND geom && ST_MakeEnvelope(@a, @b, @c, @d, 4326)
            """, ("a", minLon), ("b", minLat), ("c", maxLon), ("d", maxLat));
        Assert.True(inBox > 0);
        Assert.Equal(inBox, GeoJsonAssert.Features(boxed).Count);
        Assert.All(GeoJsonAssert.Features(boxed), f =>
            Assert.InRange(f.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), minLon - 1e-5, maxLon + 1e-5));
    }

    [Fact]
    public async Task The_answer_is_bounded_and_says_how_many_matched()
    {
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        using var cut = await GetAsync(admin, "/api/incidents?limit=25");
        var total = await app.ScalarAsync<long>("SELECT count(*) FROM incident");
        Assert.Equal(25, GeoJsonAssert.Features(cut).Count);
        Assert.True(cut.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(total, cut.RootElement.GetProperty("matched").GetInt64());
        Assert.Equal(25, cut.RootElement.GetProperty("limit").GetInt32());
        // the newest 25
        var newest = await app.ScalarAsync<DateOnly>("SELECT max(occurred_on) FROM incident");
        Assert.Equal(newest, DateOnly.Parse(Prop(GeoJsonAssert.Features(cut)[0], "date")));

        using var full = await GetAsync(admin, "/api/incidents");
        Assert.Equal(Math.Min(total, 5000), GeoJsonAssert.Features(full).Count);
        Assert.Equal(5000, full.RootElement.GetProperty("limit").GetInt32());
        Assert.Equal(total > 5000, full.RootElement.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("/api/incidents?from=2026-13-01", "from")]
    [InlineData("/api/incidents?to=31/12/2026", "to")]
    [InlineData("/api/incidents?from=2026-06-01&to=2026-01-01", "from")]
    [InlineData("/api/incidents?kind=murder", "kind")]
    [InlineData("/api/incidents?source=%3Cscript%3E", "source")]
    [InlineData("/api/incidents?bbox=105,10,106", "bbox")]
    [InlineData("/api/incidents?bbox=106,10,105,11", "bbox")]
    [InlineData("/api/incidents?bbox=NaN,10,106,11", "bbox")]
    [InlineData("/api/incidents?limit=0", "limit")]
    [InlineData("/api/incidents?limit=50000", "limit")]
    [InlineData("/api/businesses?kind=casino", "kind")]
    [InlineData("/api/businesses?open=maybe", "open")]
    public async Task Bad_parameters_answer_400_naming_the_parameter(string url, string parameter)
    {
        using var client = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(parameter, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Nothing_is_readable_without_login()
    {
        using var anonymous = app.Factory.CreateClient();
        foreach (var url in new[] { "/api/incidents", "/api/businesses", "/api/routes", "/api/inspections" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Police_sees_only_the_businesses_of_his_communes_and_the_routes_that_cross_them()
    {
        var mine = await PoliceCommunesAsync();
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var businesses = await GetAsync(police, "/api/businesses");
        var expected = await app.ScalarAsync<long>("""
            SELECT count(*) FROM conditional_business b JOIN admin_unit u ON u.id = b.unit_id WHERE u.valid_to IS NULL AND u.code = ANY(@codes)
            """, ("codes", mine));
        Assert.True(expected > 0, "the demo has businesses in the police officer's communes");
        Assert.Equal(expected, GeoJsonAssert.Features(businesses).Count);
        Assert.All(GeoJsonAssert.Features(businesses), f =>
        {
            Assert.Contains(Prop(f, "communeCode"), mine);
            Assert.Equal("Point", f.GetProperty("geometry").GetProperty("type").GetString());
            Assert.Contains(Prop(f, "kind"), new[] { "karaoke", "bar", "hotel", "other" });
        });
        using var karaoke = await GetAsync(police, "/api/businesses?kind=karaoke&open=true");
        Assert.All(GeoJsonAssert.Features(karaoke), f => Assert.Equal("karaoke", Prop(f, "kind")));

        using var routes = await GetAsync(police, "/api/routes");
        var crossing = await app.ScalarAsync<long>("""
            WITH mine AS (
                SELECT id FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND code = ANY(@codes)
                UNION SELECT l.old_unit_id FROM unit_lineage l JOIN admin_unit n ON n.id = l.new_unit_id
                WHERE n.valid_to IS NULL AND n.code = ANY(@codes))
            SELECT count(*) FROM key_route r WHERE EXISTS (
                SELECT 1 FROM admin_unit u JOIN mine ON mine.id = u.id WHERE ST_Intersects(u.geom, r.geom))
            """, ("codes", mine));
        Assert.Equal(crossing, GeoJsonAssert.Features(routes).Count);
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        using var allRoutes = await GetAsync(admin, "/api/routes");
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM key_route"), GeoJsonAssert.Features(allRoutes).Count);
        Assert.All(GeoJsonAssert.Features(allRoutes), f =>
        {
            Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(), new[] { "LineString", "MultiLineString" });
            Assert.True(f.GetProperty("properties").GetProperty("bufferM").GetDouble() > 0);
            Assert.Contains(Prop(f, "kind"), new[] { "intra", "inter" });
        });
    }
}
