using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// GET /api/transitions on the seeded demo. Invariants only (the demo's calibration moves): every commune valid at the end
/// of the to-year in exactly one cell, each cell consistent with the per-year statuses of /api/status, derived
/// from-statuses exactly for the communes born in the 2025 merger, area scoping, and a clear 400 for bad input.
/// </summary>
public sealed class TransitionsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Leader = "leader@diaban.local";
    private const string Police = "police@diaban.local";

    private static async Task<JsonElement> TransitionsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/transitions?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    // code → status code ("not_assessed" when none) of every commune of the year, as the map shows them
    private static async Task<Dictionary<string, string>> StatusesAsync(HttpClient client, int year)
    {
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/status?year={year}"));
        return doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToDictionary(
            p => p.GetProperty("code").GetString()!,
            p => p.GetProperty("status").ValueKind == JsonValueKind.Null ? "not_assessed" : p.GetProperty("status").GetString()!);
    }

    private static List<(string From, string To, List<string> Communes)> Cells(JsonElement body) =>
        body.GetProperty("cells").EnumerateArray().Select(c => (c.GetProperty("from").GetString()!, c.GetProperty("to").GetString()!,
            c.GetProperty("communes").EnumerateArray().Select(x => x.GetString()!).ToList())).ToList();

    [Theory]
    [InlineData(2023, 2024)]
    [InlineData(2024, 2025)]
    [InlineData(2024, 2026)]
    public async Task Every_commune_valid_at_the_end_of_to_is_in_exactly_one_cell_that_agrees_with_the_yearly_statuses(int from, int to)
    {
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        var body = await TransitionsAsync(leader, $"from={from}&to={to}");
        Assert.Equal(from, body.GetProperty("from").GetInt32());
        Assert.Equal(to, body.GetProperty("to").GetInt32());
        Assert.Equal("worst", body.GetProperty("rule").GetString());

        var toStatuses = await StatusesAsync(leader, to);
        var fromStatuses = await StatusesAsync(leader, from);
        var cells = Cells(body);
        Assert.All(cells, c => Assert.Equal(c.Communes.Count, body.GetProperty("cells").EnumerateArray()
            .Single(x => x.GetProperty("from").GetString() == c.From && x.GetProperty("to").GetString() == c.To).GetProperty("count").GetInt32()));
        var listed = cells.SelectMany(c => c.Communes).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(toStatuses.Keys.Order(), listed.Order());
        Assert.Equal(toStatuses.Count, body.GetProperty("total").GetInt32());
        Assert.Equal(toStatuses.Count, cells.Sum(c => c.Communes.Count));

        var derived = body.GetProperty("derived").EnumerateArray().Select(x => x.GetString()!).ToHashSet();
        var born = (await app.StringsAsync(
            """
            SELECT code FROM admin_unit WHERE level = 'commune' AND valid_from > make_date(@from, 12, 31)
              AND valid_from <= make_date(@to, 12, 31) AND (valid_to IS NULL OR make_date(@to, 12, 31) < valid_to)
              AND EXISTS (SELECT 1 FROM unit_lineage l WHERE l.new_unit_id = admin_unit.id)
            """, ("from", from), ("to", to))).ToHashSet();
        Assert.Equal(born.Order(), derived.Order());
        foreach (var (cellFrom, cellTo, communes) in cells)
        {
            foreach (var code in communes)
            {
                Assert.Equal(toStatuses[code], cellTo);
                // a commune that existed in the from-year keeps its own status; a merged one's is derived from predecessors
                if (!derived.Contains(code)) Assert.Equal(fromStatuses.GetValueOrDefault(code, "not_assessed"), cellFrom);
            }
        }
        if (to >= 2025 && from < 2025) Assert.NotEmpty(derived);
    }

    [Fact]
    public async Task Across_the_merger_a_derived_status_under_the_worst_rule_is_the_worst_of_its_predecessors()
    {
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        var body = await TransitionsAsync(leader, "from=2024&to=2025");
        var severity = new[] { "drug_free", "no_drug_vice", "has_drugs", "key_type_iii", "key_type_ii", "key_type_i" };
        int Rank(string s) => s is "drug_free" or "no_drug_vice" ? 0 : Array.IndexOf(severity, s) - 1;
        var changed = body.GetProperty("improved").EnumerateArray().Concat(body.GetProperty("worsened").EnumerateArray())
            .Where(u => u.GetProperty("derived").GetBoolean()).ToList();
        Assert.NotEmpty(changed);
        foreach (var unit in changed)
        {
            var derivation = unit.GetProperty("derivation");
            Assert.Equal("worst", derivation.GetProperty("rule").GetString());
            var statuses = derivation.GetProperty("predecessors").EnumerateArray().Select(p => p.GetProperty("status").GetString()!).ToList();
            Assert.NotEmpty(statuses);
            if (statuses.All(severity.Contains))
                Assert.Equal(statuses.Max(Rank), Rank(unit.GetProperty("from").GetString()!));
            Assert.Equal(unit.GetProperty("from").GetString(), derivation.GetProperty("status").GetString());
        }

        var weighted = await TransitionsAsync(leader, "from=2024&to=2025&rule=population_weighted");
        Assert.Equal("population_weighted", weighted.GetProperty("rule").GetString());
        Assert.Equal(body.GetProperty("total").GetInt32(), weighted.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Between_two_years_on_the_same_communes_a_changed_status_comes_with_the_criteria_that_changed_and_their_figures()
    {
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        var body = await TransitionsAsync(leader, "from=2025&to=2026");
        Assert.Empty(body.GetProperty("derived").EnumerateArray());
        var changed = body.GetProperty("improved").EnumerateArray().Concat(body.GetProperty("worsened").EnumerateArray()).ToList();
        Assert.NotEmpty(changed);
        foreach (var unit in changed)
        {
            Assert.False(unit.GetProperty("derived").GetBoolean());
            // a computed status moves only when some criterion's outcome moved (no official status in the demo)
            var criteria = unit.GetProperty("changedCriteria").EnumerateArray().ToList();
            Assert.NotEmpty(criteria);
            Assert.All(criteria, c => Assert.NotEqual(c.GetProperty("heldBefore").ToString(), c.GetProperty("heldAfter").ToString()));
            Assert.Contains(criteria, c => c.GetProperty("after").EnumerateArray().Any(f => f.GetProperty("value").ValueKind == JsonValueKind.Number));
        }
    }

    [Fact]
    public async Task A_police_officer_sees_only_his_communes()
    {
        var mine = await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");
        using var police = await ApiLogin.ClientForAsync(app, Police);
        var body = await TransitionsAsync(police, "from=2024&to=2026");
        var listed = Cells(body).SelectMany(c => c.Communes).Order().ToList();
        Assert.Equal(mine, listed);
        Assert.Equal(mine.Count, body.GetProperty("total").GetInt32());
        foreach (var unit in body.GetProperty("improved").EnumerateArray().Concat(body.GetProperty("worsened").EnumerateArray()))
        {
            Assert.Contains(unit.GetProperty("code").GetString(), mine);
        }
    }

    [Theory]
    [InlineData("from=2024&to=2025&rule=best", "rule: worst or population_weighted")]
    [InlineData("from=2025&to=2024", "from ≤ to")]
    [InlineData("from=2024", "from and to are required")]
    [InlineData("from=1800&to=2024", "from and to are required")]
    public async Task Bad_parameters_answer_400_naming_the_rule(string query, string expected)
    {
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        var response = await leader.GetAsync($"/api/transitions?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
