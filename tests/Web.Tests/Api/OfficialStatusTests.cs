using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>The province's decision is recorded by leaders inside their area, wins on the map, and is audited.</summary>
public sealed class OfficialStatusTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<(string Code, int Year, string Computed)> AssessedCommuneAsync()
    {
        var year = await app.ScalarAsync<int>("SELECT max(year) FROM status_assessment");
        var row = await app.StringsAsync(
            """
            SELECT u.code || '|' || a.computed_status FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id
            WHERE a.year = @year AND u.valid_to IS NULL AND a.computed_status <> 'drug_free' ORDER BY u.code LIMIT 1
            """, ("year", year));
        var parts = row.Single().Split('|');
        return (parts[0], year, parts[1]);
    }

    private static async Task<JsonElement> FeatureAsync(HttpClient client, int year, string code)
    {
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/status?year={year}"));
        return GeoJsonAssert.Features(doc).Single(f => f.GetProperty("properties").GetProperty("code").GetString() == code)
            .GetProperty("properties").Clone();
    }

    // PUT with the ETag of GET …/official, as every client must since optimistic concurrency (issue 11)
    private static async Task<HttpResponseMessage> PutCurrentAsync(HttpClient client, string code, int year, object body)
    {
        var current = await client.GetAsync($"/api/status/{code}/{year}/official");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/status/{code}/{year}/official") { Content = JsonContent.Create(body) };
        if (current.Headers.ETag is { } etag) request.Headers.IfMatch.Add(etag);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Leader_records_the_official_status_which_wins_over_the_computed_one_and_is_audited()
    {
        var (code, year, computed) = await AssessedCommuneAsync();
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");

        var response = await PutCurrentAsync(leader, code, year,
            new { status = "drug_free", reason = "QĐ 15/QĐ-UBND ngày 12/1/2027 công nhận xã không ma túy" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var props = await FeatureAsync(leader, year, code);
        Assert.Equal("drug_free", props.GetProperty("status").GetString());
        Assert.True(props.GetProperty("official").GetBoolean());
        Assert.False(props.GetProperty("provisional").GetBoolean());
        Assert.Equal(computed, props.GetProperty("computedStatus").GetString());
        Assert.Equal("web:leader@diaban.local", props.GetProperty("officialBy").GetString());

        var audited = await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE entity = 'status_assessment' AND actor = 'web:leader@diaban.local' AND details::text LIKE '%drug_free%'");
        Assert.Equal(1, audited);

        // Withdrawing it brings the computed status back.
        var withdraw = await PutCurrentAsync(leader, code, year, new { status = (string?)null, reason = "Nhập nhầm, thu hồi" });
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        Assert.Equal(computed, (await FeatureAsync(leader, year, code)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Police_and_planners_may_not_record_an_official_status()
    {
        var (code, year, _) = await AssessedCommuneAsync();
        foreach (var email in new[] { "police@diaban.local", "planner@diaban.local" })
        {
            using var client = await ApiLogin.ClientForAsync(app, email);
            var response = await client.PutAsJsonAsync($"/api/status/{code}/{year}/official", new { status = "drug_free", reason = "x" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Equal(0, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE entity = 'status_assessment' AND actor IN ('web:police@diaban.local', 'web:planner@diaban.local')"));
    }

    [Fact]
    public async Task Unknown_status_or_missing_reason_is_refused_with_a_clear_problem()
    {
        var (code, year, _) = await AssessedCommuneAsync();
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");

        var badStatus = await leader.PutAsJsonAsync($"/api/status/{code}/{year}/official", new { status = "clean", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        // refused by field, as every write (WriteAnswers.Invalid)
        var badErrors = (await badStatus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("unknown status 'clean'", badErrors.GetProperty("status")[0].GetString());

        var noReason = await leader.PutAsJsonAsync($"/api/status/{code}/{year}/official", new { status = "drug_free", reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString());
    }

    [Fact]
    public async Task A_leader_cannot_record_a_status_outside_the_province()
    {
        var (code, year, _) = await AssessedCommuneAsync();
        // A commune of another province: a copy of an assessed commune with no parent, moved 5° east (boundary versions of a level may not overlap).
        var otherId = await app.ScalarAsync<int>(
            """
            INSERT INTO admin_unit (code, name, level, kind, parent_id, valid_from, valid_to, population, area_km2, geom)
            SELECT '99999', 'Xã Ngoài Tỉnh', level, kind, NULL, valid_from, valid_to, population, area_km2, ST_Translate(geom, 5, 0)
            FROM admin_unit WHERE code = @code AND valid_to IS NULL RETURNING id
            """, ("code", code));
        await app.ScalarAsync<long>(
            """
            INSERT INTO status_assessment (unit_id, year, rule_set_id, rule_set_version, regime, computed_status, provisional, criteria, inputs, derived_inputs, computed_at)
            SELECT @id, year, rule_set_id, rule_set_version, regime, computed_status, provisional, criteria, inputs, derived_inputs, computed_at
            FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id WHERE u.code = @code AND u.valid_to IS NULL AND a.year = @year RETURNING id
            """, ("id", otherId), ("code", code), ("year", year));

        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var response = await leader.PutAsJsonAsync($"/api/status/99999/{year}/official", new { status = "drug_free", reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var byAdmin = await PutCurrentAsync(admin, "99999", year, new { status = "drug_free", reason = "QĐ của tỉnh khác" });
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal("drug_free", await app.ScalarAsync<string>("SELECT official_status FROM status_assessment WHERE unit_id = @id", ("id", otherId)));
    }
}
