using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// /api/figures: a commune's figures per period entered by its police, submitted, approved or returned by a province
/// officer; only approved figures count (completeness, unit_indicator); outside the area is 404; planners cannot approve.
/// </summary>
public sealed class FiguresApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<List<string>> AssignedAsync() => await app.StringsAsync(
        """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> CommuneCompletenessAsync(HttpClient client, string period, string code)
    {
        var report = await OkAsync(await client.GetAsync($"/api/completeness?period={period}"));
        Assert.Equal(period, report.GetProperty("period").GetString());
        return report.GetProperty("communes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);
    }

    // every required figure given a value: whole numbers, the route as a code
    private static Dictionary<string, string?> Values(JsonElement form) => form.GetProperty("required").EnumerateArray()
        .Select(r => r.GetString()!).ToDictionary(r => r, r => (string?)(r == "on_key_route" ? "none" : "3"));

    [Fact]
    public async Task A_quarter_entered_and_submitted_counts_in_completeness_only_once_approved()
    {
        var code = (await AssignedAsync())[0];
        const string period = "2026Q2";
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        using var planner = await ApiLogin.ClientForAsync(app, "planner@diaban.local");

        var before = await CommuneCompletenessAsync(police, period, code);
        Assert.Equal(0, before.GetProperty("present").GetInt32());
        Assert.True(before.GetProperty("required").GetInt32() > 0);

        var form = await OkAsync(await police.GetAsync($"/api/figures/{code}/{period}"));
        Assert.Equal("new", form.GetProperty("state").GetString());
        Assert.Equal("Quý II/2026", form.GetProperty("periodLabel").GetString());
        var values = Values(form);
        Assert.NotEmpty(values);

        var saved = await OkAsync(await police.PutAsJsonAsync($"/api/figures/{code}/{period}", values));
        Assert.Equal("draft", saved.GetProperty("state").GetString());
        Assert.Empty(saved.GetProperty("missing").EnumerateArray());
        var submitted = await OkAsync(await police.PostAsync($"/api/figures/{code}/{period}/submit", null));
        Assert.Equal("submitted", submitted.GetProperty("state").GetString());
        Assert.NotNull(submitted.GetProperty("submittedAt").GetString());

        // submitted is not approved: completeness has not moved, and a submitted form is no longer editable
        Assert.Equal(0, (await CommuneCompletenessAsync(police, period, code)).GetProperty("present").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await police.PutAsJsonAsync($"/api/figures/{code}/{period}", values)).StatusCode);
        // police enter, the province approves: police and planners may not
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostAsync($"/api/figures/{code}/{period}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsync($"/api/figures/{code}/{period}/approve", null)).StatusCode);

        var approved = await OkAsync(await leader.PostAsync($"/api/figures/{code}/{period}/approve", null));
        Assert.Equal("verified", approved.GetProperty("state").GetString());
        Assert.Equal("web:leader@diaban.local", approved.GetProperty("approvedBy").GetString());

        var after = await CommuneCompletenessAsync(police, period, code);
        Assert.Equal(after.GetProperty("required").GetInt32(), after.GetProperty("present").GetInt32());
        Assert.Equal(1.0, after.GetProperty("share").GetDouble());
        Assert.Equal(1, after.GetProperty("onTime").GetInt32() + after.GetProperty("late").GetInt32());

        // every step audited under the person's name
        var actors = await app.StringsAsync("SELECT actor FROM audit_entry WHERE entity = 'figure_entry' ORDER BY id");
        Assert.Contains("web:police@diaban.local", actors);
        Assert.Contains("web:leader@diaban.local", actors);
        Assert.True(actors.Count >= 3);
    }

    [Fact]
    public async Task An_approved_year_replaces_the_reported_figures_received_at_submission()
    {
        var code = (await AssignedAsync())[^1];
        const string period = "2027";
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var form = await OkAsync(await police.GetAsync($"/api/figures/{code}/{period}"));
        var values = Values(form);
        values["offenders_arrested"] = "17";
        await OkAsync(await police.PutAsJsonAsync($"/api/figures/{code}/{period}", values));
        await OkAsync(await police.PostAsync($"/api/figures/{code}/{period}/submit", null));
        Assert.Equal(0L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM unit_indicator i JOIN admin_unit u ON u.id = i.unit_id WHERE u.code = @c AND i.year = 2027", ("c", code)));

        await OkAsync(await leader.PostAsync($"/api/figures/{code}/{period}/approve", null));
        Assert.Equal(17, await app.ScalarAsync<int>(
            "SELECT i.offenders_arrested FROM unit_indicator i JOIN admin_unit u ON u.id = i.unit_id WHERE u.code = @c AND i.year = 2027 AND u.valid_to IS NULL", ("c", code)));
        Assert.Equal(await app.ScalarAsync<DateTime>("SELECT e.submitted_at FROM figure_entry e JOIN admin_unit u ON u.id = e.unit_id WHERE u.code = @c AND e.period = '2027'", ("c", code)),
            await app.ScalarAsync<DateTime>("SELECT i.received_at FROM unit_indicator i JOIN admin_unit u ON u.id = i.unit_id WHERE u.code = @c AND i.year = 2027", ("c", code)));
        var completeness = await CommuneCompletenessAsync(police, period, code);
        Assert.Equal(completeness.GetProperty("required").GetInt32(), completeness.GetProperty("present").GetInt32());
    }

    [Fact]
    public async Task A_return_needs_a_reason_and_gives_the_form_back_to_the_police()
    {
        var code = (await AssignedAsync())[0];
        const string period = "2026-10";
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        await OkAsync(await police.PutAsJsonAsync($"/api/figures/{code}/{period}", new Dictionary<string, string?> { ["offenders_arrested"] = "2" }));
        await OkAsync(await police.PostAsync($"/api/figures/{code}/{period}/submit", null));

        Assert.Equal(HttpStatusCode.BadRequest, (await leader.PostAsJsonAsync($"/api/figures/{code}/{period}/return", new { reason = " " })).StatusCode);
        var returned = await OkAsync(await leader.PostAsJsonAsync($"/api/figures/{code}/{period}/return", new { reason = "Thiếu dân số" }));
        Assert.Equal("returned", returned.GetProperty("state").GetString());
        Assert.Equal("Thiếu dân số", returned.GetProperty("returnedReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsync($"/api/figures/{code}/{period}/approve", null)).StatusCode);

        var fixedForm = await OkAsync(await police.PutAsJsonAsync($"/api/figures/{code}/{period}",
            new Dictionary<string, string?> { ["offenders_arrested"] = "2", ["population_resident"] = "8000" }));
        Assert.Equal("returned", fixedForm.GetProperty("state").GetString());
        Assert.Equal("submitted", (await OkAsync(await police.PostAsync($"/api/figures/{code}/{period}/submit", null))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Police_cannot_reach_a_commune_outside_his_area_through_any_figures_endpoint()
    {
        var assigned = await AssignedAsync();
        var outside = (await app.StringsAsync(
            "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND NOT code = ANY(@a) ORDER BY code LIMIT 1",
            ("a", assigned.ToArray())))[0];
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var values = new Dictionary<string, string?> { ["offenders_arrested"] = "1" };

        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/api/figures/{outside}/2026Q1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PutAsJsonAsync($"/api/figures/{outside}/2026Q1", values)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsync($"/api/figures/{outside}/2026Q1/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync("/api/figures/99999999/2026Q1")).StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM figure_entry e JOIN admin_unit u ON u.id = e.unit_id WHERE u.code = @c", ("c", outside)));

        // an administrator (the whole country, and the right to enter) reaches it; the police's queue never lists it
        await OkAsync(await admin.PutAsJsonAsync($"/api/figures/{outside}/2026Q1", values));
        var queue = await OkAsync(await police.GetAsync("/api/figures?period=2026Q1"));
        Assert.DoesNotContain(queue.EnumerateArray(), f => f.GetProperty("code").GetString() == outside);
    }

    [Theory]
    [InlineData("offenders_arrested", "-1")]
    [InlineData("offenders_arrested", "2.5")]
    [InlineData("on_key_route", "maybe")]
    [InlineData("no_such_figure", "1")]
    public async Task A_bad_value_is_refused_naming_the_field_and_nothing_is_written(string field, string value)
    {
        var code = (await AssignedAsync())[0];
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var response = await police.PutAsJsonAsync($"/api/figures/{code}/2025-01", new Dictionary<string, string?> { [field] = value });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM figure_entry WHERE period = '2025-01'"));
    }
}
