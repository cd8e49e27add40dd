using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>/api/targets on the seeded demo: area scoping, who may edit, validation, audit, and progress equal to SQL.</summary>
public sealed class TargetsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<string> ProvinceAsync() =>
        (await app.StringsAsync("""SELECT "AreaProvinceCode" FROM auth."AspNetUsers" WHERE "Email" = 'leader@diaban.local'""")).Single();

    private async Task<List<string>> PoliceCommunesAsync() => await app.StringsAsync(
        """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");

    private static object Body(string level, string codes, string indicator = "arrests", string value = "5", string basis = "KH 1/KH-BCĐ") => new
    {
        scopeLevel = level, scopeCodes = codes, year = "2026", indicator, comparison = "percent_change", direction = "at_least",
        value, legalBasis = basis, documentNumber = "1/KH-BCĐ",
    };

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, int year)
    {
        var response = await client.GetAsync($"/api/targets?year={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<JsonElement>>())!;
    }

    [Fact]
    public async Task The_demo_has_the_domain_targets_for_the_province_and_police_see_only_targets_on_their_communes()
    {
        var province = await ProvinceAsync();
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var seeded = await ListAsync(leader, 2026);
        // 2026: the 30 % drug-free milestone plus the six yearly indicators of PlanTargetCatalog
        Assert.Equal(7, seeded.Count);
        Assert.Contains(seeded, t => t.GetProperty("indicator").GetString() == "drug_free_communes" && t.GetProperty("value").GetDouble() == 30);
        Assert.All(seeded, t => Assert.Equal([province], t.GetProperty("scopeCodes").EnumerateArray().Select(c => c.GetString()!)));

        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        Assert.Empty(await ListAsync(police, 2026));

        var mine = await PoliceCommunesAsync();
        var other = (await app.StringsAsync(
            "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND NOT (code = ANY(@codes)) ORDER BY code LIMIT 1",
            ("codes", mine.ToArray()))).Single();
        var onMine = await leader.PostAsJsonAsync("/api/targets", Body("communes", string.Join(';', mine.Take(2))));
        Assert.Equal(HttpStatusCode.Created, onMine.StatusCode);
        var overlapping = await leader.PostAsJsonAsync("/api/targets", Body("communes", $"{mine[0]};{other}", "users_with_records"));
        Assert.Equal(HttpStatusCode.Created, overlapping.StatusCode);

        var seen = await ListAsync(police, 2026);
        var only = Assert.Single(seen);
        Assert.Equal(mine.Take(2), only.GetProperty("scopeCodes").EnumerateArray().Select(c => c.GetString()!));
        var progress = (await (await police.GetAsync("/api/targets/progress?year=2026")).Content.ReadFromJsonAsync<List<JsonElement>>())!;
        Assert.Equal(only.GetProperty("id").GetInt64(), Assert.Single(progress).GetProperty("target").GetProperty("id").GetInt64());
        Assert.Equal(9, (await ListAsync(leader, 2026)).Count);
    }

    [Fact]
    public async Task Police_and_planners_cannot_create_change_or_delete_targets()
    {
        var province = await ProvinceAsync();
        var id = await app.ScalarAsync<long>("SELECT min(id) FROM plan_target");
        foreach (var email in new[] { "police@diaban.local", "planner@diaban.local" })
        {
            using var client = await ApiLogin.ClientForAsync(app, email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/targets", Body("province", province))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/targets/{id}", Body("province", province))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/targets/{id}")).StatusCode);
        }
        Assert.Equal(0, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE entity = 'plan_target' AND actor IN ('web:police@diaban.local', 'web:planner@diaban.local')"));
    }

    [Fact]
    public async Task Leader_edits_are_validated_with_the_file_rules_and_audited()
    {
        var province = await ProvinceAsync();
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");

        var bad = await leader.PostAsJsonAsync("/api/targets", Body("province", province, "drug_free_communes", "130%", ""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal(["legal_basis"], errors.EnumerateObject().Select(p => p.Name));

        var outside = await leader.PostAsJsonAsync("/api/targets", Body("province", "01"));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("scope_codes", await outside.Content.ReadAsStringAsync());

        var created = await leader.PostAsJsonAsync("/api/targets", Body("province", province, "arrests", "7"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var changed = await leader.PutAsJsonAsync($"/api/targets/{id}", Body("province", province, "arrests", "8"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(8, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetDouble());
        Assert.Equal(HttpStatusCode.NoContent, (await leader.DeleteAsync($"/api/targets/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.DeleteAsync($"/api/targets/{id}")).StatusCode);

        Assert.Equal("delete,insert,update", await app.ScalarAsync<string>(
            "SELECT string_agg(action, ',' ORDER BY action) FROM audit_entry WHERE entity = 'plan_target' AND entity_key = @key AND actor = 'web:leader@diaban.local'",
            ("key", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Drug_free_share_progress_equals_a_direct_sql_count()
    {
        var province = await ProvinceAsync();
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var response = await leader.GetAsync("/api/targets/progress?year=2025");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Content.ReadFromJsonAsync<List<JsonElement>>())!;
        var drugFree = rows.Single(r => r.GetProperty("target").GetProperty("indicator").GetString() == "drug_free_communes");

        const string share = """
            SELECT 100.0 * count(*) FILTER (WHERE COALESCE(a.official_status, a.computed_status) IN ('drug_free', 'no_drug_vice')) / count(*)
            FROM admin_unit u JOIN admin_unit p ON p.id = u.parent_id
            LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
            WHERE u.level = 'commune' AND p.code = @province
              AND u.valid_from <= make_date(@year, 12, 31) AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)
            """;
        var actual = (double)await app.ScalarAsync<decimal>(share, ("year", 2025), ("province", province));
        var baseline = (double)await app.ScalarAsync<decimal>(share, ("year", 2024), ("province", province));
        Assert.Equal(actual, drugFree.GetProperty("actual").GetDouble(), 9);
        Assert.Equal(baseline, drugFree.GetProperty("baseline").GetDouble(), 9);
        // 2025 is over: the verdict is met or missed by the actual against 20 %
        Assert.Equal(1.0, drugFree.GetProperty("elapsedFraction").GetDouble());
        Assert.Equal(actual >= 20 ? "met" : "missed", drugFree.GetProperty("verdict").GetString());

        var arrests = rows.Single(r => r.GetProperty("target").GetProperty("indicator").GetString() == "arrests");
        Assert.Equal((double)await app.ScalarAsync<long>("""
            SELECT sum(i.offenders_arrested) FROM unit_indicator i JOIN admin_unit u ON u.id = i.unit_id JOIN admin_unit p ON p.id = u.parent_id
            WHERE i.year = 2025 AND p.code = @province AND u.valid_from <= DATE '2025-12-31' AND (u.valid_to IS NULL OR DATE '2025-12-31' < u.valid_to)
            """, ("province", province)), arrests.GetProperty("actual").GetDouble());
        // spots are recorded now (drug_spot_step, the demo's lifecycles): eliminated ÷ open at the start, as /api/spots/counts
        // reports for the province (this target used to have no data; changed with the spot register)
        var spots = rows.Single(r => r.GetProperty("target").GetProperty("indicator").GetString() == "spots_eliminated");
        var counts = (await leader.GetFromJsonAsync<JsonElement>("/api/spots/counts?period=2025")).GetProperty("total");
        Assert.Equal(100.0 * counts.GetProperty("eliminated").GetInt32() / counts.GetProperty("atStart").GetInt32(),
            spots.GetProperty("actual").GetDouble(), 9);
        Assert.Equal("drug_spot_step (đã duyệt): triệt xóa ÷ đầu kỳ", spots.GetProperty("source").GetString());
    }
}
