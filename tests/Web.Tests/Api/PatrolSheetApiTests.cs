using System.Net;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>/api/patrol/sheet.geojson and /api/patrol/sheet/record on the seeded demo (grid of 250 m): area, input, antiforgery.</summary>
public sealed class PatrolSheetApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Query = "/api/patrol/sheet.geojson?day=2026-07-01&period=week&top=5&exploration=0.2";

    private async Task<List<string>> PoliceCommunesAsync() => await app.StringsAsync(
        """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");

    private static async Task<JsonElement[]> FeaturesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()).ToArray();
    }

    [Fact]
    public async Task Police_get_the_top_cells_of_their_communes_only_and_a_leader_gets_the_province()
    {
        var mine = await PoliceCommunesAsync();
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var features = await FeaturesAsync(police, Query);
        var byCommune = features.GroupBy(f => f.GetProperty("properties").GetProperty("commune_code").GetString()!).ToList();
        Assert.Equal(mine, byCommune.Select(g => g.Key).Order(StringComparer.Ordinal));
        foreach (var commune in byCommune)
        {
            Assert.Equal(5, commune.Count());
            Assert.Equal([1, 2, 3, 4, 5], commune.Select(f => f.GetProperty("properties").GetProperty("rank").GetInt32()).Order());
            Assert.Equal(1, commune.Count(f => f.GetProperty("properties").GetProperty("exploration").GetBoolean()));
            var first = commune.Single(f => f.GetProperty("properties").GetProperty("rank").GetInt32() == 1).GetProperty("properties");
            Assert.StartsWith("Ưu tiên theo nguy cơ (hạng 1/", first.GetProperty("reasons").GetString());
            Assert.True(first.GetProperty("high").GetDouble() >= first.GetProperty("score").GetDouble());
        }
        // the sentence follows the request's language (?culture=en as the language switch sets it)
        var english = await FeaturesAsync(police, Query + "&culture=en");
        Assert.Contains(english, f => f.GetProperty("properties").GetProperty("reasons").GetString()!.StartsWith("Risk priority (rank 1/", StringComparison.Ordinal));
        Assert.DoesNotContain(english, f => f.GetProperty("properties").GetProperty("reasons").GetString()!.Contains("Lý do", StringComparison.Ordinal));
        // every feature is a square of about 250 m (a polygon) whose id is its cell id
        Assert.All(features, f => Assert.Equal(f.GetProperty("id").GetString(), f.GetProperty("properties").GetProperty("code").GetString()));

        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var province = await FeaturesAsync(leader, Query);
        var communes = await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL");
        Assert.Equal(communes, province.Select(f => f.GetProperty("properties").GetProperty("commune_code").GetString()).Distinct().Count());
    }

    [Theory]
    [InlineData("day=2026-13-01", "day")]
    [InlineData("day=2026-07-01&period=month", "period")]
    [InlineData("day=2026-07-01&top=0", "top")]
    [InlineData("day=2026-07-01&top=26", "top")]
    [InlineData("day=2026-07-01&exploration=1.5", "exploration")]
    public async Task Bad_parameters_are_named(string query, string field)
    {
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var response = await police.GetAsync($"/api/patrol/sheet.geojson?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nobody_reads_the_sheet_without_login_and_recording_needs_an_antiforgery_token()
    {
        using var anonymous = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Query)).StatusCode);

        var before = await app.ScalarAsync<long>("SELECT count(*) FROM patrol_cell_exposure");
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["day"] = "2026-07-01", ["period"] = "day", ["top"] = "5" });
        var response = await police.PostAsync("/api/patrol/sheet/record", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM patrol_cell_exposure"));
    }
}
