using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>An administrator corrects a threshold through the API: a new version, validated, audited; others may only read.</summary>
public sealed class RuleSetsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Admin_stores_an_edited_threshold_as_the_next_version_and_it_is_audited()
    {
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var list = await admin.GetFromJsonAsync<List<JsonObject>>("/api/rulesets");
        var latest = list!.Where(r => (string)r["id"]! == "decision-28-2025").Max(r => (int)r["version"]!);
        var json = JsonNode.Parse(await admin.GetStringAsync($"/api/rulesets/decision-28-2025/{latest}"))!;
        // Type I criterion a: 0.5 % → 0.6 %, as if the official text said so.
        json["classes"]![0]!["criteria"]![0]!["condition"]!["value"] = 0.006;

        var response = await admin.PutAsync("/api/rulesets/decision-28-2025", Json(json.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var saved = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(latest + 1, (int)saved["version"]!);

        var stored = JsonNode.Parse(await admin.GetStringAsync($"/api/rulesets/decision-28-2025/{latest + 1}"))!;
        Assert.Equal(0.006, (double)stored["classes"]![0]!["criteria"]![0]!["condition"]!["value"]!);
        Assert.Equal(1, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE entity = 'rule_set' AND actor = 'web:admin@diaban.local'"));
    }

    [Fact]
    public async Task An_invalid_rule_set_is_refused_naming_the_fault()
    {
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var json = JsonNode.Parse(await admin.GetStringAsync("/api/rulesets/decision-28-2025/1"))!;
        json["classes"]![0]!["criteria"]![0]!["condition"]!["op"] = "about";
        var response = await admin.PutAsync("/api/rulesets/decision-28-2025", Json(json.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(problem.Contains("classes[0].criteria[0].condition.op"), problem);
    }

    [Fact]
    public async Task Leaders_can_read_the_criteria_but_not_change_them()
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var original = await leader.GetStringAsync("/api/rulesets/decision-28-2025/1");
        var response = await leader.PutAsync("/api/rulesets/decision-28-2025", Json(original));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
