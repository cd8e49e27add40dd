using System.Net;
using System.Text.Json;
using DiaBan.Analytics.Classification;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>The GeoJSON endpoints as the administrator (whole country) sees them, checked against the database directly.</summary>
public sealed class GeoJsonApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string CommunesValidOn = """
        SELECT count(*) FROM admin_unit
        WHERE level = 'commune' AND valid_from <= @day AND (valid_to IS NULL OR @day < valid_to)
        """;

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2023-06-30")]
    public async Task Units_returns_every_commune_valid_on_the_date(string date)
    {
        using var client = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/units?level=commune&date={date}"));
        var expected = await app.ScalarAsync<long>(CommunesValidOn, ("day", DateOnly.Parse(date)));
        Assert.True(expected > 0, "the demo data has communes on this date");
        var features = GeoJsonAssert.Features(doc);
        Assert.Equal(expected, features.Count);
        foreach (var feature in features)
        {
            GeoJsonAssert.IsDisplayPolygon(feature);
        }
    }

    [Fact]
    public async Task Units_at_province_level_returns_the_provinces()
    {
        using var client = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync("/api/units?level=province&date=2026-01-01"));
        var expected = await app.ScalarAsync<long>(
            "SELECT count(*) FROM admin_unit WHERE level = 'province' AND valid_from <= @day AND (valid_to IS NULL OR @day < valid_to)",
            ("day", new DateOnly(2026, 1, 1)));
        Assert.Equal(expected, GeoJsonAssert.Features(doc).Count);
        Assert.All(GeoJsonAssert.Features(doc), f => Assert.Equal("province", f.GetProperty("properties").GetProperty("level").GetString()));
    }

    [Theory]
    [InlineData("/api/units?level=hamlet")]
    [InlineData("/api/units?level=commune&date=1/7/2025")]
    [InlineData("/api/status")]
    [InlineData("/api/status?year=1900")]
    public async Task Bad_parameters_answer_400_problem_details(string url)
    {
        using var client = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Status_features_carry_the_stored_status_label_and_rule_set_for_every_assessed_year()
    {
        using var client = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var years = (await app.StringsAsync("SELECT DISTINCT year::text FROM status_assessment ORDER BY 1")).Select(int.Parse).ToList();
        Assert.NotEmpty(years);
        foreach (var year in years)
        {
            using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/status?year={year}"));
            var features = GeoJsonAssert.Features(doc);
            Assert.Equal(await app.ScalarAsync<long>(CommunesValidOn, ("day", new DateOnly(year, 12, 31))), features.Count);
            var stored = (await app.StringsAsync(
                """
                SELECT u.code || '|' || COALESCE(a.official_status, a.computed_status) || '|' || a.rule_set_id || '|' || a.regime
                       || '|' || (a.provisional AND a.official_status IS NULL)::text
                FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id
                WHERE a.year = @year
                  AND u.valid_from <= make_date(@year, 12, 31) AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)
                """, ("year", year))).ToDictionary(s => s.Split('|')[0]);
            foreach (var feature in features)
            {
                var p = feature.GetProperty("properties");
                var code = p.GetProperty("code").GetString()!;
                if (!stored.TryGetValue(code, out var row))
                {
                    Assert.False(p.GetProperty("assessed").GetBoolean());
                    continue;
                }
                var parts = row.Split('|');
                Assert.Equal(parts[1], p.GetProperty("status").GetString());
                Assert.Equal(CommuneStatusInfo.FromCode(parts[1]).VietnameseLabel(), p.GetProperty("statusLabel").GetString());
                Assert.StartsWith(parts[2] + " v", p.GetProperty("ruleSet").GetString());
                Assert.Equal(parts[3], p.GetProperty("regime").GetString());
                Assert.Equal(parts[4] == "true", p.GetProperty("provisional").GetBoolean());
            }
            Assert.Contains(features, f => f.GetProperty("properties").GetProperty("assessed").GetBoolean());
        }
    }

    [Fact]
    public async Task Criteria_in_the_status_features_are_the_held_criteria_of_the_computed_class()
    {
        using var client = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var year = int.Parse((await app.StringsAsync("SELECT max(year)::text FROM status_assessment"))[0]);
        // expected, read here from the stored classifier output: criteria with held = true in the class of the computed status
        var expected = new Dictionary<string, List<string>>();
        foreach (var row in await app.StringsAsync(
            "SELECT u.code || '|' || a.computed_status || '|' || a.criteria::text FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id WHERE a.year = @year",
            ("year", year)))
        {
            var parts = row.Split('|', 3);
            using var classes = JsonDocument.Parse(parts[2]);
            expected[parts[0]] = classes.RootElement.EnumerateArray()
                .Where(c => c.GetProperty("status").GetString() == parts[1])
                .SelectMany(c => c.GetProperty("criteria").EnumerateArray())
                .Where(c => c.TryGetProperty("held", out var held) && held.ValueKind == JsonValueKind.True)
                .Select(c => c.GetProperty("code").GetString()!)
                .ToList();
        }
        Assert.Contains(expected.Values, codes => codes.Count > 0);

        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/status?year={year}"));
        foreach (var feature in GeoJsonAssert.Features(doc))
        {
            var p = feature.GetProperty("properties");
            var code = p.GetProperty("code").GetString()!;
            var shown = p.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();
            Assert.Equal(expected.GetValueOrDefault(code) ?? [], shown);
        }
    }
}
