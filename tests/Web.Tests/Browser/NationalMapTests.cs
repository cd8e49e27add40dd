using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// The demo database plus the real national pre-2025 layers (63 provinces less the four the demo province's boundary
/// overlaps, and their communes), imported with the boundary importer: until a national demo exists, the national map
/// of issue 12. The app and chromium are this collection's own.
/// </summary>
public sealed class NationalBrowserFixture : BrowserAppFixture
{
    public (int Provinces, int Communes, int Districts) Imported { get; private set; }

    /// <summary>The warm-up of the imported national layers (<see cref="DiaBan.Web.Api.TileWarmer"/>), as an app started on them runs it.</summary>
    public DiaBan.Web.Api.TileWarmRun? Warmed { get; private set; }

    // every year as vector tiles, also the post-2025 years that hold only the demo province's communes (the district
    // zooms are checked on both sides of the 2025 reform)
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["Map:VectorTilesFromUnits"] = "1" };

    /// <summary>The server's side of each first paint (requests, JIT, database commands), printed beside the browser's.</summary>
    public ServerTimeline Server { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ServerTimeline.StartupFilter(Server));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Server.Dispose();
    }

    // imported once the app has started: the app keeps the demo accounts only on a database that holds nothing but
    // the demo at start (DemoAccounts.SyncAsync)
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Imported = await NationalLayers.ImportPre2025Async(ConnectionString);
        // the import changed the data version: the warm-up builds the first view's tiles of the national layers, as at
        // the start of an app on a national database; the first user below comes after it (its cost is printed)
        Warmed = await WarmedAsync();
    }

    /// <summary>Waits (up to 5 minutes) until the warm-up has finished the current data version; null if it did not.</summary>
    public async Task<DiaBan.Web.Api.TileWarmRun?> WarmedAsync()
    {
        var warmer = Factory.Services.GetRequiredService<DiaBan.Web.Api.TileWarmer>();
        var version = await ScalarAsync<long>("SELECT version FROM tile_data_version WHERE id = 1");
        var until = DateTime.UtcNow.AddMinutes(5);
        // and the map's first views of that version (MapStartWarmUp: the status view kept per data version)
        var views = Factory.Services.GetRequiredService<DiaBan.Web.Hosting.MapStartWarmUp>();
        while ((warmer.Last?.Version != version || views.WarmedVersion != version) && DateTime.UtcNow < until) await Task.Delay(100);
        return warmer.Last?.Version == version && views.WarmedVersion == version ? warmer.Last : null;
    }
}

[CollectionDefinition(Name)]
public sealed class NationalBrowserCollection : ICollectionFixture<NationalBrowserFixture>
{
    public const string Name = "national browser";
}

/// <summary>
/// Issue 12's acceptance for the map: the national status map comes as vector tiles drawn on canvas; provinces at
/// zoom 5, communes at zoom 10 (asked of the map library: what the tiles drew at a place), a click on a commune opens
/// its panel, and the time from sign-in to the first drawn tiles is written to the test output.
/// </summary>
[Collection(NationalBrowserCollection.Name)]
public sealed class NationalMapTests(NationalBrowserFixture app, ITestOutputHelper output)
{
    private const string Admin = "admin@diaban.local";

    [Fact]
    public async Task The_national_map_draws_provinces_at_zoom_5_and_communes_at_zoom_10_from_vector_tiles()
    {
        Assert.True(app.Imported.Communes > 10_000 && app.Imported.Provinces >= 55, $"{app.Imported.Communes} national communes imported");
        var year = await app.ScalarAsync<int>("SELECT max(year) FROM status_assessment WHERE year < 2025");
        var communes = await app.ScalarAsync<long>(
            "SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_from <= make_date(@y, 12, 31) AND (valid_to IS NULL OR make_date(@y, 12, 31) < valid_to)",
            ("y", year));

        // another test of this collection may have written (classified a year, renamed units): the first user comes
        // after the warm-up of the data as it is now, as after a start-up
        var warmed = await app.WarmedAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var tileRequests = new List<string>();
        var cacheAnswers = new List<string>();
        page.Request += (_, r) => { if (r.Url.Contains("/tiles/status/")) lock (tileRequests) tileRequests.Add(r.Url); };
        page.Response += (_, r) =>
        {
            if (!r.Url.Contains("/tiles/status/")) return;
            var outcome = r.Headers.TryGetValue("x-tile-cache", out var v) ? v : r.Status.ToString(CultureInfo.InvariantCulture);
            lock (cacheAnswers) cacheAnswers.Add($"{new Uri(r.Url).AbsolutePath.Replace("/tiles/status/", "").Replace(".mvt", "")} {outcome}");
        };
        // every answer the page got that was not a success (the map's console had a 404 once), and console errors
        var failed = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400) lock (failed) failed.Add($"{r.Status} {r.Request.Method} {r.Url}"); };
        page.Console += (_, m) => { if (m.Type == "error") lock (failed) failed.Add($"console: {m.Text}"); };
        var timeline = await FirstPaintTimeline.WatchAsync(page);
        await page.GotoAsync($"/login?ReturnUrl={Uri.EscapeDataString($"/map?year={year}")}");
        await BrowserSteps.FillLoginAsync(page, Admin);
        app.Server.Clear();
        var signIn = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        timeline.Start();
        await BrowserSteps.ClickSignInAsync(page);
        await page.WaitForSelectorAsync("#status-map[data-tiles-key]", new() { Timeout = 120_000 });
        var firstPaint = clock.Elapsed;
        int requestsUntilPaint;
        lock (tileRequests) requestsUntilPaint = tileRequests.Count;
        string[] answersUntilPaint;
        lock (cacheAnswers) answersUntilPaint = [.. cacheAnswers];
        await timeline.ReadMarksAsync(page);
        foreach (var (what, run) in new[] { ("after the national import", app.Warmed), ("of the data before the first user", warmed) })
            output.WriteLine(run is { } w
                ? $"tile warm-up {what}: {w.Tiles} tiles ({w.Built} built) in {w.Elapsed.TotalSeconds:F2} s, app CPU {w.ProcessCpu.TotalSeconds:F2} s; scopes: {string.Join("; ", w.Scopes)}"
                : $"tile warm-up {what}: not finished within 5 minutes");
        output.WriteLine($"first paint of the national map ({communes:N0} communes, year {year}) from sign-in: {firstPaint.TotalSeconds:F2} s");
        output.WriteLine($"tile requests until then: {requestsUntilPaint}; answered (z/x/y cache): {string.Join(", ", answersUntilPaint)}");
        output.WriteLine(timeline.Table($"First paint, first user after start-up ({communes:N0} communes, {year}), time of each step:"));
        output.WriteLine(app.Server.Table("The server's side until the first paint (s from sign-in; JIT and GCs are process-wide):", signIn, signIn + firstPaint));
        // the same again in a fresh browser context: the server is warm now (JIT, pools, tile cache), as for every user but the first
        await using (var again = await app.NewContextAsync())
        {
            var second = await again.NewPageAsync();
            var warmTimeline = await FirstPaintTimeline.WatchAsync(second);
            await second.GotoAsync($"/login?ReturnUrl={Uri.EscapeDataString($"/map?year={year}")}");
            await BrowserSteps.FillLoginAsync(second, Admin);
            app.Server.Clear();
            var warmSignIn = DateTime.UtcNow;
            var warm = Stopwatch.StartNew();
            warmTimeline.Start();
            await BrowserSteps.ClickSignInAsync(second);
            await second.WaitForSelectorAsync("#status-map[data-tiles-key]", new() { Timeout = 120_000 });
            await second.WaitForSelectorAsync("#status-map canvas.leaflet-tile", new() { Timeout = 120_000 });
            var warmPaint = warm.Elapsed;
            await warmTimeline.ReadMarksAsync(second);
            output.WriteLine($"first paint again, second user (server warm): {warmPaint.TotalSeconds:F2} s");
            output.WriteLine(warmTimeline.Table("First paint, second user (server warm), time of each step:"));
            output.WriteLine(app.Server.Table("The server's side until the second user's first paint:", warmSignIn, warmSignIn + warmPaint));
        }
        Assert.Equal(communes.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#unit-count", "data-count"));
        lock (failed) output.WriteLine($"failed answers and console errors on the map page: {(failed.Count == 0 ? "none" : string.Join("; ", failed))}");
        // the server sees what the page's events do not (the browser's own favicon request)
        output.WriteLine($"answers of 400 or more from the server so far: {string.Join("; ", app.Server.Failures.Select(f => $"{f.Status} {f.Method} {f.Path}"))}");
        // the map started from the prerendered page before the circuit; the circuit's StatusMap took it over without
        // asking for any tile again (a new layer would have fetched them all once more)
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('diaban-map:adopted').length > 0", null, new() { Timeout = 60_000 });
        lock (tileRequests) Assert.Equal(tileRequests.Count, tileRequests.Distinct().Count());
        Assert.Equal("0", await page.GetAttributeAsync("#status-map", "data-feature-count")); // no GeoJSON paths
        Assert.Equal(0, await page.Locator("#status-map path[data-code]").CountAsync());
        Assert.True(await page.Locator("#status-map canvas.leaflet-tile").CountAsync() > 0);

        // zoom 5 over Hà Nội: what the tiles drew there is the province, with its commune count
        var hanoi = await PointInsideAsync("SELECT geom FROM admin_unit WHERE level = 'province' AND code = '101'");
        var atFive = await ViewAndPickAsync(page, year, hanoi, 5);
        Assert.Equal("provinces", atFive.GetProperty("layer").GetString());
        Assert.Equal("101", atFive.GetProperty("props").GetProperty("code").ToString());
        var hanoiCommunes = await app.ScalarAsync<long>(
            "SELECT count(*) FROM admin_unit c JOIN admin_unit p ON p.id = c.parent_id WHERE p.code = '101' AND c.level = 'commune'");
        Assert.Equal(hanoiCommunes, atFive.GetProperty("props").GetProperty("total").GetInt64());
        await BrowserSteps.ScreenshotAsync(page, "national-01-zoom5", output);
        Assert.Contains(tileRequests, u => u.Contains("/tiles/status/4/")); // 512-pixel data tiles: one zoom below the display

        // zoom 10 inside one commune: the tiles drew that commune, and clicking it opens its panel
        // the largest commune of Hà Nội: several screen pixels wide at zoom 10
        var code = await app.ScalarAsync<string>(
            "SELECT c.code FROM admin_unit c JOIN admin_unit p ON p.id = c.parent_id WHERE p.code = '101' AND c.level = 'commune' ORDER BY c.area_km2 DESC LIMIT 1");
        var commune = await PointInsideAsync($"SELECT geom FROM admin_unit WHERE level = 'commune' AND code = '{code}'");
        var atTen = await ViewAndPickAsync(page, year, commune, 10);
        Assert.Equal("communes", atTen.GetProperty("layer").GetString());
        Assert.Equal(code, atTen.GetProperty("props").GetProperty("code").GetString());
        Assert.Contains(tileRequests, u => u.Contains("/tiles/status/9/"));
        await BrowserSteps.ScreenshotAsync(page, "national-02-zoom10", output);

        var box = (await page.Locator("#status-map").BoundingBoxAsync())!;
        var at = await page.EvaluateAsync<JsonElement>("([lat, lng]) => { const p = document.querySelector('#status-map').diabanTiles.pointOf(lat, lng); return { x: p.x, y: p.y }; }",
            new[] { commune.Lat, commune.Lng });
        await page.Mouse.ClickAsync((float)(box.X + at.GetProperty("x").GetDouble()), (float)(box.Y + at.GetProperty("y").GetDouble()));
        await page.WaitForSelectorAsync($"#commune-panel[data-code='{code}']");
        await BrowserSteps.ScreenshotAsync(page, "national-03-panel", output);
    }

    [Fact]
    public async Task Districts_are_drawn_at_the_district_zoom_before_the_2025_reform_and_not_after_it()
    {
        Assert.True(app.Imported.Districts > 600, $"{app.Imported.Districts} national districts imported");
        var year = await app.ScalarAsync<int>("SELECT max(year) FROM status_assessment WHERE year < 2025");
        // the national communes were imported after the demo was classified: classify the year so the districts have shares
        await using (var db = DiaBan.Geo.Data.DiaBanDb.Create(app.ConnectionString))
            await new DiaBan.Geo.Services.YearClassifier(db).ClassifyAsync(year);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login?ReturnUrl={Uri.EscapeDataString($"/map?year={year}")}");
        await BrowserSteps.SubmitLoginAsync(page, Admin);
        await WaitForInteractiveMapAsync(page);
        Assert.Equal("true", await page.GetAttributeAsync("#district-note", "data-districts"));

        // zoom 8 inside the largest district of Hà Nội: the tiles drew that district with its communes counted by status
        var district = await app.ScalarAsync<string>(
            "SELECT d.code FROM admin_unit d JOIN admin_unit p ON p.id = d.parent_id WHERE p.code = '101' AND d.level = 'district' ORDER BY d.area_km2 DESC LIMIT 1");
        var inside = await PointInsideAsync($"SELECT geom FROM admin_unit WHERE level = 'district' AND code = '{district}'");
        var atEight = await ViewAndPickAsync(page, year, inside, 8);
        Assert.Equal("districts", atEight.GetProperty("layer").GetString());
        Assert.Equal(district, atEight.GetProperty("props").GetProperty("code").ToString());
        var communes = await app.ScalarAsync<long>(
            """
            SELECT count(*) FROM admin_unit c JOIN admin_unit d ON d.id = c.district_id
            WHERE d.level = 'district' AND d.code = @code AND c.level = 'commune'
              AND c.valid_from <= make_date(@y, 12, 31) AND (c.valid_to IS NULL OR make_date(@y, 12, 31) < c.valid_to)
            """, ("code", district), ("y", year));
        Assert.True(communes > 5, $"{communes} communes in district {district}");
        Assert.Equal(communes, atEight.GetProperty("props").GetProperty("total").GetInt64());
        // the tooltip (textContent) names the district, its province and the share of each status
        var box = (await page.Locator("#status-map").BoundingBoxAsync())!;
        var at = await page.EvaluateAsync<JsonElement>("([lat, lng]) => { const p = document.querySelector('#status-map').diabanTiles.pointOf(lat, lng); return { x: p.x, y: p.y }; }",
            new[] { inside.Lat, inside.Lng });
        await page.Mouse.MoveAsync((float)(box.X + at.GetProperty("x").GetDouble()), (float)(box.Y + at.GetProperty("y").GetDouble()));
        var tooltip = page.Locator("#status-map .leaflet-tooltip");
        await tooltip.WaitForAsync();
        var text = await tooltip.TextContentAsync() ?? "";
        Assert.Contains(atEight.GetProperty("props").GetProperty("name").GetString()!, text);
        Assert.Contains("Hà Nội", text);
        Assert.Contains("%", text);
        await BrowserSteps.ScreenshotAsync(page, "national-05-districts-zoom8", output);
        // zoom 6: provinces again
        Assert.Equal("provinces", (await ViewAndPickAsync(page, year, inside, 6)).GetProperty("layer").GetString());

        // 2026: no districts (abolished on 1 July 2025): the same zoom shows the province, and the note says why
        var demoProvince = await app.ScalarAsync<string>("SELECT code FROM admin_unit WHERE level = 'province' AND valid_to IS NULL ORDER BY id LIMIT 1");
        var after = await app.ScalarAsync<int>("SELECT max(year) FROM status_assessment");
        Assert.True(after >= 2025);
        await page.GotoAsync($"/map?year={after}");
        await page.WaitForSelectorAsync($"#status-map[data-tiles-key^='{after}@']", new() { Timeout = 120_000 });
        Assert.Equal("false", await page.GetAttributeAsync("#district-note", "data-districts"));
        Assert.Contains("1/7/2025", await page.TextContentAsync("#district-note") ?? "");
        var province = await PointInsideAsync($"SELECT geom FROM admin_unit WHERE level = 'province' AND code = '{demoProvince}'");
        var afterReform = await ViewAndPickAsync(page, after, province, 8);
        Assert.Equal("provinces", afterReform.GetProperty("layer").GetString());
        Assert.Equal(demoProvince, afterReform.GetProperty("props").GetProperty("code").ToString());
        await BrowserSteps.ScreenshotAsync(page, "national-06-no-districts-2026-zoom8", output);
    }

    [Fact]
    public async Task The_national_hot_spot_layer_comes_as_vector_tiles_with_the_class_of_each_commune()
    {
        var year = await app.ScalarAsync<int>("SELECT max(year) FROM status_assessment WHERE year < 2025");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login?ReturnUrl={Uri.EscapeDataString($"/map?year={year}")}");
        await BrowserSteps.SubmitLoginAsync(page, Admin);
        await WaitForInteractiveMapAsync(page);
        var clock = Stopwatch.StartNew();
        await page.SelectOptionAsync("#map-layer", "HotSpots");
        await page.WaitForSelectorAsync("#status-map[data-tiles*='/tiles/hotspots/']", new() { Timeout = 180_000 });
        await page.WaitForSelectorAsync($"#status-map[data-tiles-key^='HotSpots:incidents:{year}:count@']", new() { Timeout = 180_000 });
        output.WriteLine($"national hot spot layer (Gi* over the national communes, then its tiles) drawn {clock.Elapsed.TotalSeconds:F2} s after choosing it");
        Assert.Equal(0, await page.Locator("#status-map path[data-code]").CountAsync());

        // a commune of the demo province (where the incidents are) at zoom 10: the tiles drew its Gi* class
        var code = await app.ScalarAsync<string>(
            """
            SELECT u.code FROM admin_unit u
            WHERE u.level = 'commune' AND u.valid_from <= make_date(@y, 12, 31) AND (u.valid_to IS NULL OR make_date(@y, 12, 31) < u.valid_to)
              AND EXISTS (SELECT 1 FROM incident i WHERE ST_Covers(u.geom, i.geom))
            ORDER BY u.area_km2 DESC LIMIT 1
            """,
            ("y", year));
        var commune = await PointInsideAsync($"SELECT geom FROM admin_unit WHERE level = 'commune' AND code = '{code}'");
        await page.EvaluateAsync("([lat, lng, z]) => { const el = document.querySelector('#status-map'); delete el.dataset.tilesKey; el.diabanTiles.setView(lat, lng, z); }",
            new object[] { commune.Lat, commune.Lng, 10 });
        await page.WaitForSelectorAsync($"#status-map[data-tiles-key='HotSpots:incidents:{year}:count@10']", new() { Timeout = 60_000 });
        var hit = await page.EvaluateAsync<JsonElement>(
            "([lat, lng]) => document.querySelector('#status-map').diabanTiles.featureAt(lat, lng)", new[] { commune.Lat, commune.Lng });
        Assert.Equal("statistics", hit.GetProperty("layer").GetString());
        Assert.Equal(code, hit.GetProperty("props").GetProperty("code").GetString());
        Assert.InRange(hit.GetProperty("props").GetProperty("bin").GetInt32(), -3, 3);
        await BrowserSteps.ScreenshotAsync(page, "national-04-hotspots-zoom10", output);
    }

    [Fact]
    public async Task A_province_and_a_district_named_like_markup_show_as_text_in_the_tile_tooltips_and_run_no_script()
    {
        const string hostileProvince = "<img src=x onerror=\"window.__diabanXss=1;alert(1)\">";
        const string hostileDistrict = "<b id=\"injected\">Quận</b><img src=x onerror=\"window.__diabanXss=2;alert(2)\">";
        var year = await app.ScalarAsync<int>("SELECT max(year) FROM status_assessment WHERE year < 2025");
        var district = await app.ScalarAsync<string>(
            "SELECT d.code FROM admin_unit d JOIN admin_unit p ON p.id = d.parent_id WHERE p.code = '101' AND d.level = 'district' ORDER BY d.area_km2 DESC LIMIT 1");
        var names = await app.StringsAsync("SELECT level || '|' || name FROM admin_unit WHERE (level = 'province' AND code = '101') OR (level = 'district' AND code = @d) ORDER BY level",
            ("d", district));
        await app.ExecuteAsync("UPDATE admin_unit SET name = @n WHERE level = 'province' AND code = '101'", ("n", hostileProvince));
        await app.ExecuteAsync("UPDATE admin_unit SET name = @n WHERE level = 'district' AND code = @d", ("n", hostileDistrict), ("d", district));
        try
        {
            await using var context = await app.NewContextAsync();
            var page = await context.NewPageAsync();
            var dialogs = new List<string>();
            page.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
            await page.GotoAsync($"/login?ReturnUrl={Uri.EscapeDataString($"/map?year={year}")}");
            await BrowserSteps.SubmitLoginAsync(page, Admin);
            await WaitForInteractiveMapAsync(page);

            var inside = await PointInsideAsync($"SELECT geom FROM admin_unit WHERE level = 'district' AND code = '{district}'");
            foreach (var (zoom, layer, expected) in new[] { (8, "districts", new[] { hostileDistrict, hostileProvince }), (5, "provinces", new[] { hostileProvince }) })
            {
                var picked = await ViewAndPickAsync(page, year, inside, zoom);
                Assert.Equal(layer, picked.GetProperty("layer").GetString());
                var tooltip = await HoverAsync(page, inside);
                var text = await tooltip.TextContentAsync() ?? "";
                foreach (var name in expected) Assert.Contains(name, text);
                Assert.Equal(0, await tooltip.Locator("img, b").CountAsync());
            }
            await BrowserSteps.ScreenshotAsync(page, "national-07-hostile-province-tooltip", output);
            await page.WaitForTimeoutAsync(300); // an onerror handler would have fired by now
            Assert.Empty(dialogs);
            Assert.Equal(0, await page.Locator("#injected").CountAsync());
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__diabanXss ?? null"));
        }
        finally
        {
            foreach (var (level, name) in names.Select(n => n.Split('|', 2)).Select(p => (p[0], p[1])))
                await app.ExecuteAsync("UPDATE admin_unit SET name = @n WHERE level = @l AND code = @c",
                    ("n", name), ("l", level), ("c", level == "province" ? "101" : district));
        }
    }

    // the map is drawn before the circuit is up (started from the prerendered page); the circuit's render then adds the
    // toolbar above it, which moves the map down: clicks and hovers wait for the circuit's StatusMap to have adopted it
    private static async Task WaitForInteractiveMapAsync(IPage page)
    {
        await page.WaitForSelectorAsync("#status-map[data-tiles-key]", new() { Timeout = 120_000 });
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('diaban-map:adopted').length > 0", null, new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("#unit-count", new() { Timeout = 60_000 });
    }

    // hovers the map at a place; the tooltip that opens there
    private static async Task<ILocator> HoverAsync(IPage page, (double Lat, double Lng) at)
    {
        var box = (await page.Locator("#status-map").BoundingBoxAsync())!;
        var p = await page.EvaluateAsync<JsonElement>("([lat, lng]) => { const p = document.querySelector('#status-map').diabanTiles.pointOf(lat, lng); return { x: p.x, y: p.y }; }",
            new[] { at.Lat, at.Lng });
        await page.Mouse.MoveAsync((float)(box.X + p.GetProperty("x").GetDouble()) + 1, (float)(box.Y + p.GetProperty("y").GetDouble()));
        await page.Mouse.MoveAsync((float)(box.X + p.GetProperty("x").GetDouble()), (float)(box.Y + p.GetProperty("y").GetDouble()));
        var tooltip = page.Locator("#status-map .leaflet-tooltip");
        await tooltip.WaitForAsync();
        return tooltip;
    }

    private async Task<(double Lat, double Lng)> PointInsideAsync(string geometrySql)
    {
        var text = await app.ScalarAsync<string>($"SELECT ST_Y(p)::text || ' ' || ST_X(p)::text FROM (SELECT ST_PointOnSurface(({geometrySql} LIMIT 1)) AS p) x");
        var parts = text.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[1]);
    }

    // moves the map, waits until every visible tile of that zoom is drawn, asks the tile layer what it drew there
    private static async Task<JsonElement> ViewAndPickAsync(IPage page, int year, (double Lat, double Lng) at, int zoom)
    {
        await page.EvaluateAsync("([lat, lng, z]) => { const el = document.querySelector('#status-map'); delete el.dataset.tilesKey; el.diabanTiles.setView(lat, lng, z); }",
            new object[] { at.Lat, at.Lng, zoom });
        await page.WaitForSelectorAsync($"#status-map[data-tiles-key='{year}@{zoom}']", new() { Timeout = 60_000 });
        return await page.EvaluateAsync<JsonElement>(
            "([lat, lng]) => document.querySelector('#status-map').diabanTiles.featureAt(lat, lng)", new[] { at.Lat, at.Lng });
    }
}
