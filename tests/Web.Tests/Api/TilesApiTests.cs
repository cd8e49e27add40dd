using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DiaBan.Geo.Queries;
using DiaBan.Web.Api;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using DiaBan.Web.Tests.Infrastructure;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// /tiles on the province demo: the communes of the status tiles carry exactly the statuses /api/status gives, the
/// provinces at low zoom carry the counts of their communes, a police officer's tiles hold only his communes, and
/// bad addresses answer 400.
/// </summary>
public sealed class TilesApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Leader = "leader@diaban.local";
    private const string Police = "police@diaban.local";

    [Fact]
    public async Task Commune_tiles_give_the_same_status_as_the_status_api_for_every_commune_in_two_years()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var years = await YearsAsync(client);
        foreach (var year in new[] { years[0], years[^1] })
        {
            var api = await ApiStatusesAsync(client, year);
            var tiles = await CommuneStatusesFromTilesAsync(client, year, 10);
            Assert.Equal(api.Keys.Order(), tiles.Keys.Order());
            foreach (var (code, status) in api)
            {
                // a commune cut by tile borders appears in several tiles: every piece says the same
                Assert.All(tiles[code], s => Assert.Equal(status, s));
            }
        }
    }

    [Fact]
    public async Task At_low_zoom_the_province_carries_the_counts_of_its_communes_by_status()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var year = (await YearsAsync(client))[^1];
        var api = await ApiStatusesAsync(client, year);
        var (west, south, east, north) = await ExtentAsync(client, year);
        var (x, y) = TileOf(6, (west + east) / 2, (south + north) / 2);
        var tile = await TileAsync(client, $"/tiles/status/6/{x}/{y}.mvt?year={year}", new(x, y, 6));
        var layer = Assert.Single(tile.Layers);
        Assert.Equal("provinces", layer.Name);
        var province = Assert.Single(layer.Features);
        Assert.Equal(api.Count, Convert.ToInt32(province.Attributes["total"]));
        Assert.Equal(api.Count(p => p.Value is not null), Convert.ToInt32(province.Attributes["assessed"]));
        foreach (var group in api.Values.Where(s => s is not null).GroupBy(s => s))
        {
            Assert.Equal(group.Count(), Convert.ToInt32(province.Attributes[$"n_{group.Key}"]));
        }
        var dominant = api.Values.Where(s => s is not null).GroupBy(s => s).MaxBy(g => g.Count())!.Key;
        Assert.Equal(dominant, province.Attributes["status"]);
    }

    [Fact]
    public async Task A_police_officer_s_tiles_hold_only_his_communes()
    {
        var assigned = await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");
        Assert.Equal(DemoAccounts.PoliceCommuneCount, assigned.Count);
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        using var police = await ApiLogin.ClientForAsync(app, Police);
        var year = (await YearsAsync(leader))[^1];
        // the leader's tiles over the whole province, read with the police officer's token
        var (west, south, east, north) = await ExtentAsync(leader, year);
        var seen = new HashSet<string>();
        var leaderSeen = new HashSet<string>();
        foreach (var (x, y) in TilesCovering(10, west, south, east, north))
        {
            seen.UnionWith(Codes(await TileAsync(police, $"/tiles/status/10/{x}/{y}.mvt?year={year}", new(x, y, 10))));
            leaderSeen.UnionWith(Codes(await TileAsync(leader, $"/tiles/status/10/{x}/{y}.mvt?year={year}", new(x, y, 10))));
        }
        Assert.Equal(assigned, seen.Order());
        Assert.True(leaderSeen.Count > assigned.Count * 10, $"the leader sees {leaderSeen.Count} communes");

        // incidents: only those inside his communes
        var incidentIds = new HashSet<long>();
        foreach (var (x, y) in TilesCovering(11, west, south, east, north))
        {
            var tile = await TileAsync(police, $"/tiles/incidents/11/{x}/{y}.mvt?year={year}", new(x, y, 11));
            foreach (var f in tile.Layers.SelectMany(l => l.Features)) incidentIds.Add(Convert.ToInt64(f.Attributes["id"]));
        }
        var expected = await app.ScalarAsync<long>(
            """
            WITH mine AS (SELECT id FROM admin_unit WHERE level = 'commune' AND code = ANY(@codes) AND valid_to IS NULL),
            reached AS (SELECT id FROM mine UNION SELECT l.old_unit_id FROM unit_lineage l JOIN mine m ON m.id = l.new_unit_id)
            SELECT count(*) FROM incident i
            WHERE i.unit_id IN (SELECT id FROM reached)
              AND i.occurred_on >= make_date(@year, 1, 1) AND i.occurred_on < make_date(@year + 1, 1, 1)
            """, ("codes", assigned.ToArray()), ("year", year));
        Assert.True(expected > 0, "the police officer's communes have incidents in the year");
        Assert.Equal(expected, incidentIds.Count);
    }

    [Fact]
    public async Task Tiles_need_a_signed_in_user()
    {
        using var anonymous = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/tiles/status/6/50/28.mvt?year=2024");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/tiles/nope/6/50/28.mvt?year=2024", "layer")]
    [InlineData("/tiles/status/21/0/0.mvt?year=2024", "z must be")]
    [InlineData("/tiles/status/-1/0/0.mvt?year=2024", "whole numbers")]
    [InlineData("/tiles/status/6/64/0.mvt?year=2024", "x must be")]
    [InlineData("/tiles/status/6/0/64.mvt?year=2024", "y must be")]
    [InlineData("/tiles/status/6/a/0.mvt?year=2024", "whole numbers")]
    [InlineData("/tiles/status/6/0/0.mvt", "year")]
    [InlineData("/tiles/status/6/0/0.mvt?year=1800", "year")]
    public async Task A_bad_tile_address_answers_400_naming_the_field(string url, string expected)
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    internal static async Task<IReadOnlyList<int>> YearsAsync(HttpClient client)
    {
        var years = JsonSerializer.Deserialize<List<int>>(await client.GetStringAsync("/api/status/years"))!;
        Assert.True(years.Count >= 2);
        return years;
    }

    /// <summary>code → status code (null = not assessed) from /api/status.</summary>
    internal static async Task<Dictionary<string, string?>> ApiStatusesAsync(HttpClient client, int year)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/status?year={year}"));
        return doc.RootElement.GetProperty("features").EnumerateArray().ToDictionary(
            f => f.GetProperty("properties").GetProperty("code").GetString()!,
            f => f.GetProperty("properties").GetProperty("status").ValueKind == JsonValueKind.Null
                ? null
                : f.GetProperty("properties").GetProperty("status").GetString());
    }

    internal static async Task<(double West, double South, double East, double North)> ExtentAsync(HttpClient client, int year)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/status?year={year}"));
        double w = 180, s = 90, e = -180, n = -90;
        foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
        foreach (var ring in f.GetProperty("geometry").GetProperty("coordinates").EnumerateArray()
                     .SelectMany(p => f.GetProperty("geometry").GetProperty("type").GetString() == "MultiPolygon" ? p.EnumerateArray().ToArray() : new[] { p }))
        foreach (var point in ring.EnumerateArray())
        {
            var lon = point[0].GetDouble();
            var lat = point[1].GetDouble();
            (w, e, s, n) = (Math.Min(w, lon), Math.Max(e, lon), Math.Min(s, lat), Math.Max(n, lat));
        }
        return (w, s, e, n);
    }

    /// <summary>code → every status the commune's pieces carry in the tiles of zoom <paramref name="z"/> over the area.</summary>
    private static async Task<Dictionary<string, List<string?>>> CommuneStatusesFromTilesAsync(HttpClient client, int year, int z)
    {
        var (west, south, east, north) = await ExtentAsync(client, year);
        var result = new Dictionary<string, List<string?>>();
        foreach (var (x, y) in TilesCovering(z, west, south, east, north))
        {
            var tile = await TileAsync(client, $"/tiles/status/{z}/{x}/{y}.mvt?year={year}", new(x, y, z));
            foreach (var f in tile.Layers.Where(l => l.Name == "communes").SelectMany(l => l.Features))
            {
                var code = (string)f.Attributes["code"];
                var status = f.Attributes.Exists("status") ? f.Attributes["status"] as string : null;
                (result.TryGetValue(code, out var list) ? list : result[code] = []).Add(status);
            }
        }
        return result;
    }

    internal static async Task<VectorTile> TileAsync(HttpClient client, string url, NetTopologySuite.IO.VectorTiles.Tiles.Tile tile)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TileQueries.MediaType, response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        return new MapboxTileReader().Read(stream, tile);
    }

    internal static VectorTile Decode(byte[] bytes, int x, int y, int z)
    {
        using var stream = new MemoryStream(bytes);
        return new MapboxTileReader().Read(stream, new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
    }

    internal static IEnumerable<string> Codes(VectorTile tile) =>
        tile.Layers.Where(l => l.Name == "communes").SelectMany(l => l.Features).Select(f => (string)f.Attributes["code"]);

    internal static (int X, int Y) TileOf(int z, double lon, double lat)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var r = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(r) + 1 / Math.Cos(r)) / Math.PI) / 2 * n);
        return (Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }

    internal static IEnumerable<(int X, int Y)> TilesCovering(int z, double west, double south, double east, double north)
    {
        var (x0, y0) = TileOf(z, west, north);
        var (x1, y1) = TileOf(z, east, south);
        for (var x = x0; x <= x1; x++)
        for (var y = y0; y <= y1; y++)
            yield return (x, y);
    }
}

/// <summary>The tile cache and ETags follow the data: a write changes the version, the ETag and the tile.</summary>
public sealed class TileCacheTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task An_unchanged_tile_answers_304_and_a_status_write_gives_a_new_etag_and_the_new_status()
    {
        using var client = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var year = (await TilesApiTests.YearsAsync(client))[^1];
        var api = await TilesApiTests.ApiStatusesAsync(client, year);
        var code = api.Keys.Order().First();
        var centre = await app.StringsAsync(
            """
            SELECT ST_X(c)::text || ' ' || ST_Y(c)::text FROM (
                SELECT ST_PointOnSurface(u.geom) AS c FROM admin_unit u
                WHERE u.level = 'commune' AND u.code = @code AND u.valid_from <= make_date(@year, 12, 31)
                  AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)) p
            """, ("code", code), ("year", year));
        var lonLat = centre[0].Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (x, y) = TilesApiTests.TileOf(12, lonLat[0], lonLat[1]);
        var url = $"/tiles/status/12/{x}/{y}.mvt?year={year}";

        var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.Tag;
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString());
        using (var again = new HttpRequestMessage(HttpMethod.Get, url))
        {
            again.Headers.TryAddWithoutValidation("If-None-Match", etag);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }

        // another status for that commune, written as any import or classification would (a statement on the table)
        var other = api[code] == "drug_free" ? "has_drugs" : "drug_free";
        Assert.Equal(1, await app.ExecuteAsync(
            """
            UPDATE status_assessment a SET official_status = @status FROM admin_unit u
            WHERE u.id = a.unit_id AND u.code = @code AND a.year = @year AND u.level = 'commune'
              AND u.valid_from <= make_date(@year, 12, 31) AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)
            """, ("status", other), ("code", code), ("year", year)));

        using (var stale = new HttpRequestMessage(HttpMethod.Get, url))
        {
            stale.Headers.TryAddWithoutValidation("If-None-Match", etag);
            var response = await client.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(etag, response.Headers.ETag!.Tag);
        }
        var tile = await TilesApiTests.TileAsync(client, url, new(x, y, 12));
        var feature = tile.Layers.Single(l => l.Name == "communes").Features.First(f => (string)f.Attributes["code"] == code);
        Assert.Equal(other, feature.Attributes["status"]);
        Assert.True((bool)feature.Attributes["official"]);
    }

    [Fact]
    public async Task A_reported_figure_write_changes_the_data_version_and_the_statistics_tile_s_etag()
    {
        using var client = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var extent = await TilesApiTests.ExtentAsync(client, 2024);
        var (x, y) = TilesApiTests.TileOf(9, (extent.West + extent.East) / 2, (extent.South + extent.North) / 2);
        // a Gi* tile of incidents per resident: its rate's population comes from unit_indicator
        var url = $"/tiles/hotspots/9/{x}/{y}.mvt?indicator=incidents&year=2024&measure=rate";
        var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.Tag;
        var before = await app.ScalarAsync<long>("SELECT version FROM tile_data_version WHERE id = 1");

        // a reported figure changes, as an import or an approved figure entry writes it (a statement on the table)
        Assert.Equal(1, await app.ExecuteAsync(
            """
            UPDATE unit_indicator SET population_resident = coalesce(population_resident, 1000) * 2
            WHERE id = (SELECT min(id) FROM unit_indicator WHERE year = 2024)
            """));

        Assert.True(await app.ScalarAsync<long>("SELECT version FROM tile_data_version WHERE id = 1") > before);
        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var response = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
    }
}

/// <summary>
/// The one-round-trip build (<see cref="TileQueries.VersionedTileAsync"/>: the data version read in the tile's own
/// statement) and the process's newest-version hint (<see cref="TileCache.LatestVersion"/>): a write committed by
/// another connection, which this process has not seen, still gives the next request a new ETag and the new content;
/// another scope never gets a tile built for this one; and a cold tile costs the app one statement, not two.
/// </summary>
public sealed class TileVersionTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Leader = "leader@diaban.local";

    [Fact]
    public async Task A_write_by_another_connection_gives_the_next_request_a_new_etag_and_content_with_or_without_the_tile_built()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var year = (await TilesApiTests.YearsAsync(client))[^1];
        var api = await TilesApiTests.ApiStatusesAsync(client, year);
        var police = await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local'""");
        var code = api.Keys.Where(c => !police.Contains(c)).Order().First();
        var (x, y) = await TileOfCommuneAsync(code, year, 12);
        var url = $"/tiles/status/12/{x}/{y}.mvt?year={year}";
        // the process has read some version (the hint), then a write it does not see: the tile is not built under the hint
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/tiles/status/0/0/0.mvt?year={year}")).StatusCode);
        var first = api[code] == "drug_free" ? "has_drugs" : "drug_free";
        await SetOfficialAsync(code, year, first);

        var built = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, built.StatusCode);
        Assert.Equal("built", built.Headers.GetValues(TileCache.OutcomeHeader).Single());
        Assert.StartsWith($"\"{await VersionAsync()}-", built.Headers.ETag!.Tag);
        Assert.Equal(first, StatusIn(await built.Content.ReadAsByteArrayAsync(), code, x, y));
        var again = await client.GetAsync(url);
        Assert.Equal("hit", again.Headers.GetValues(TileCache.OutcomeHeader).Single());
        Assert.Equal(built.Headers.ETag!.Tag, again.Headers.ETag!.Tag);

        // a second write: the tile is built under the hint, so the version is read first and the cache is not used
        var second = first == "drug_free" ? "has_drugs" : "drug_free";
        await SetOfficialAsync(code, year, second);
        var rebuilt = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Equal("built", rebuilt.Headers.GetValues(TileCache.OutcomeHeader).Single());
        Assert.StartsWith($"\"{await VersionAsync()}-", rebuilt.Headers.ETag!.Tag);
        Assert.NotEqual(built.Headers.ETag!.Tag, rebuilt.Headers.ETag!.Tag);
        Assert.Equal(second, StatusIn(await rebuilt.Content.ReadAsByteArrayAsync(), code, x, y));

        // the same tile for other scopes, right after the leader's build is cached: their own tiles, their own ETags
        using var officer = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var theirs = await officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.NotEqual(rebuilt.Headers.ETag!.Tag, theirs.Headers.ETag!.Tag);
        var policeCodes = TilesApiTests.Codes(TilesApiTests.Decode(await theirs.Content.ReadAsByteArrayAsync(), x, y, 12));
        Assert.DoesNotContain(code, policeCodes);
        Assert.All(policeCodes, c => Assert.Contains(c, police));

        var elsewhere = await OtherProvinceUserAsync();
        using var stranger = app.Factory.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", await ApiLogin.TokenAsync(stranger, elsewhere, Password));
        var foreign = await stranger.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Empty(await foreign.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(rebuilt.Headers.ETag!.Tag, foreign.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_cold_tile_costs_one_statement_that_reads_the_version_and_the_tile_and_a_cached_one_only_the_version()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var year = (await TilesApiTests.YearsAsync(client))[^1];
        var (west, south, east, north) = await TilesApiTests.ExtentAsync(client, year);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/tiles/status/0/0/0.mvt?year={year}")).StatusCode);
        var (x, y) = TilesApiTests.TileOf(11, (west + east) / 2, (south + north) / 2);
        var url = $"/tiles/status/11/{x}/{y}.mvt?year={year}";

        var cold = await StatementsAsync(client, url);
        Assert.Equal("built", cold.Outcome);
        // every statement of the request, for the record: the session check (SessionValidation) and the tile
        Console.WriteLine($"cold tile: {cold.Sql.Count} statements: {string.Join(" | ", cold.Sql.Select(Head))}");
        Assert.Single(cold.Sql, s => s.Contains("ST_AsMVT", StringComparison.Ordinal));
        Assert.Single(cold.Sql, s => s.Contains("tile_data_version", StringComparison.Ordinal));
        Assert.Contains(cold.Sql, s => s.Contains("ST_AsMVT", StringComparison.Ordinal) && s.Contains("tile_data_version", StringComparison.Ordinal));

        var warm = await StatementsAsync(client, url);
        Assert.Equal("hit", warm.Outcome);
        Console.WriteLine($"warm tile: {warm.Sql.Count} statements: {string.Join(" | ", warm.Sql.Select(Head))}");
        Assert.Single(warm.Sql, s => s.Contains("tile_data_version", StringComparison.Ordinal));
        Assert.DoesNotContain(warm.Sql, s => s.Contains("ST_AsMVT", StringComparison.Ordinal));
        Assert.Equal(cold.Sql.Count, warm.Sql.Count);
    }

    private const string Password = "Other-province-2026!";

    private static string Head(string sql) => sql.Length <= 60 ? sql : sql[..60].ReplaceLineEndings(" ") + "…";

    // the statements the app's Npgsql ran for one request, found by the trace id the request carries (tests of other
    // classes run in parallel in this process)
    private async Task<(List<string> Sql, string Outcome)> StatementsAsync(HttpClient client, string url)
    {
        var trace = ActivityTraceId.CreateRandom();
        var statements = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.Source.Name == "Npgsql" && a.TraceId == trace)
                    statements.Enqueue((a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement") ?? a.DisplayName)?.ToString() ?? "");
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync();
        return ([.. statements], response.Headers.GetValues(TileCache.OutcomeHeader).Single());
    }

    private Task<long> VersionAsync() => app.ScalarAsync<long>("SELECT version FROM tile_data_version WHERE id = 1");

    private async Task SetOfficialAsync(string code, int year, string status) =>
        Assert.Equal(1, await app.ExecuteAsync(
            """
            UPDATE status_assessment a SET official_status = @status FROM admin_unit u
            WHERE u.id = a.unit_id AND u.code = @code AND a.year = @year AND u.level = 'commune'
              AND u.valid_from <= make_date(@year, 12, 31) AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)
            """, ("status", status), ("code", code), ("year", year)));

    private async Task<(int X, int Y)> TileOfCommuneAsync(string code, int year, int z)
    {
        var centre = await app.StringsAsync(
            """
            SELECT ST_X(c)::text || ' ' || ST_Y(c)::text FROM (
                SELECT ST_PointOnSurface(u.geom) AS c FROM admin_unit u
                WHERE u.level = 'commune' AND u.code = @code AND u.valid_from <= make_date(@year, 12, 31)
                  AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)) p
            """, ("code", code), ("year", year));
        var lonLat = centre[0].Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return TilesApiTests.TileOf(z, lonLat[0], lonLat[1]);
    }

    private static string? StatusIn(byte[] bytes, string code, int x, int y) =>
        (string?)TilesApiTests.Decode(bytes, x, y, 12).Layers.Single(l => l.Name == "communes").Features
            .First(f => (string)f.Attributes["code"] == code).Attributes["status"];

    // a provincial planner of another province than the demo's (a province-wide role without two-factor sign-in):
    // his scope reaches no commune of the demo's
    private async Task<string> OtherProvinceUserAsync()
    {
        var demo = (await app.StringsAsync("""SELECT "AreaProvinceCode" FROM auth."AspNetUsers" WHERE "Email" = 'leader@diaban.local'""")).Single();
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DiaBanUser>>();
        var email = $"planner-{Guid.NewGuid():N}@test.local";
        var user = new DiaBanUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "test", AreaProvinceCode = demo == "01" ? "02" : "01",
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, DiaBanRoles.Planner)).Succeeded);
        return email;
    }
}

/// <summary><see cref="TileCache"/> on its own: the warm-up's wait for users' builds is a signal, and a versioned build is kept under its version.</summary>
public sealed class TileCacheSignalTests
{
    private static TileCache NewCache() => new(Microsoft.Extensions.Options.Options.Create(new DiaBan.Web.Hosting.Options.MapOptions()));

    private static TileKey Key(long version) => new(TileLayer.Status, new TileAddress(5, 25, 14), 2024, "all", version);

    [Fact]
    public async Task The_wait_for_users_builds_ends_when_the_last_one_ends_and_not_before()
    {
        using var cache = NewCache();
        Assert.True(cache.WhenNoUserBuildsAsync().IsCompleted);
        var one = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var two = new TaskCompletionSource<VersionedTile>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = cache.FetchAsync(Key(1), () => one.Task);
        var second = cache.BuildVersionedAsync(v => Key(v) with { Tile = new TileAddress(5, 26, 14) }, () => two.Task);
        Assert.Equal(2, cache.UserBuilds);
        var idle = cache.WhenNoUserBuildsAsync();
        Assert.False(idle.IsCompleted);

        one.SetResult([1, 2, 3]);
        await first;
        Assert.Equal(1, cache.UserBuilds);
        Assert.False(idle.IsCompleted);
        Assert.False(cache.WhenNoUserBuildsAsync().IsCompleted);

        two.SetResult(new VersionedTile(7, [4, 5]));
        await second;
        await idle; // completes: no time limit, it either ends or the test hangs
        Assert.Equal(0, cache.UserBuilds);
        Assert.True(cache.WhenNoUserBuildsAsync().IsCompleted);

        // a background (warm-up) build does not count as a user's
        var background = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var warming = cache.FetchAsync(Key(7) with { Year = 2023 }, () => background.Task, background: true);
        Assert.True(cache.WhenNoUserBuildsAsync().IsCompleted);
        background.SetResult([]);
        await warming;
    }

    [Fact]
    public async Task A_versioned_build_is_kept_under_the_version_it_was_read_with_and_raises_the_hint()
    {
        using var cache = NewCache();
        Assert.Null(cache.LatestVersion);
        cache.NoteVersion(3);
        Assert.Equal(3, cache.LatestVersion);
        var tile = await cache.BuildVersionedAsync(Key, () => Task.FromResult(new VersionedTile(5, [9, 9])));
        Assert.Equal(5, tile.DataVersion);
        Assert.True(cache.Contains(Key(5)));
        Assert.False(cache.Knows(Key(3)));
        Assert.Equal(5, cache.LatestVersion);
        cache.NoteVersion(4); // an older read does not lower it
        Assert.Equal(5, cache.LatestVersion);
        var (bytes, outcome) = await cache.FetchAsync(Key(5), () => throw new InvalidOperationException("built twice"));
        Assert.Equal(TileCacheOutcome.Hit, outcome);
        Assert.Equal([9, 9], bytes);
        Assert.Equal(TileCache.ETag(5, AreaScope.Everything), cache.ETag(5, AreaScope.Everything.ToString()));
    }
}
