using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// /api/inspections on the seeded demo: police enter and submit inside their area only, a leader verifies or returns,
/// a planner cannot verify, only a verified inspection is the business's last inspection, every write is audited.
/// </summary>
public sealed class InspectionsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string BusinessInPoliceArea = """
        SELECT min(b.id) FROM conditional_business b JOIN admin_unit u ON u.id = b.unit_id
        WHERE u.valid_to IS NULL AND u.code IN (SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local')
        """;

    private const string BusinessOutsidePoliceArea = """
        SELECT min(b.id) FROM conditional_business b JOIN admin_unit u ON u.id = b.unit_id
        WHERE u.valid_to IS NULL AND u.code NOT IN (SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local')
        """;

    private static object Body(int businessId, string date = "2026-03-10", string findings = "Phát hiện 3 đối tượng sử dụng ma túy trong phòng hát",
        string[]? violations = null) => new
    {
        businessId, inspectedOn = date, kind = "surprise", findings,
        violations = violations ?? ["drug_use_on_premises", "opening_hours"], inspectingUnit = "Công an xã (tổ kiểm tra)",
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement?> LastInspectionAsync(HttpClient client, int businessId)
    {
        using var doc = JsonDocument.Parse(await (await client.GetAsync("/api/businesses")).Content.ReadAsStringAsync());
        var feature = doc.RootElement.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("properties").GetProperty("id").GetInt32() == businessId);
        var last = feature.GetProperty("properties").GetProperty("lastInspection");
        return last.ValueKind == JsonValueKind.Null ? null : last.Clone();
    }

    [Fact]
    public async Task Police_enters_and_submits_a_leader_verifies_and_only_then_it_is_the_last_inspection()
    {
        var business = await app.ScalarAsync<int>(BusinessInPoliceArea);
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        using var planner = await ApiLogin.ClientForAsync(app, "planner@diaban.local");

        var draft = await JsonAsync(await police.PostAsJsonAsync("/api/inspections", Body(business)), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt64();
        Assert.Equal("draft", draft.GetProperty("state").GetString());
        Assert.Equal("police@diaban.local", draft.GetProperty("enteredBy").GetString());
        Assert.Equal(["drug_use_on_premises", "opening_hours"], draft.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!));
        Assert.Null(await LastInspectionAsync(police, business));

        // a draft cannot be verified, and neither police nor a planner may verify at all
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsJsonAsync($"/api/inspections/{id}/verify", new { })).StatusCode);
        var submitted = await JsonAsync(await police.PostAsJsonAsync($"/api/inspections/{id}/submit", new { }), HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync($"/api/inspections/{id}/verify", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostAsJsonAsync($"/api/inspections/{id}/verify", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync("/api/inspections", Body(business))).StatusCode);
        Assert.Null(await LastInspectionAsync(police, business));

        var verified = await JsonAsync(await leader.PostAsJsonAsync($"/api/inspections/{id}/verify",
            new { version = submitted.GetProperty("version").GetUInt32() }), HttpStatusCode.OK);
        Assert.Equal("verified", verified.GetProperty("state").GetString());
        Assert.Equal("leader@diaban.local", verified.GetProperty("reviewedBy").GetString());
        var last = await LastInspectionAsync(police, business);
        Assert.NotNull(last);
        Assert.Equal("2026-03-10", last.Value.GetProperty("date").GetString());
        Assert.Equal("surprise", last.Value.GetProperty("kind").GetString());
        Assert.Equal("Phát hiện 3 đối tượng sử dụng ma túy trong phòng hát", last.Value.GetProperty("findings").GetString());
        // a verified inspection is no longer editable
        Assert.Equal(HttpStatusCode.Conflict, (await police.PutAsJsonAsync($"/api/inspections/{id}", Body(business))).StatusCode);

        var actions = await app.StringsAsync(
            "SELECT action || ':' || actor FROM audit_entry WHERE entity = 'business_inspection' AND entity_key = @key ORDER BY id",
            ("key", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["insert:web:police@diaban.local", "update:web:police@diaban.local", "update:web:leader@diaban.local"], actions);
    }

    [Fact]
    public async Task A_return_needs_a_reason_and_the_returned_entry_is_edited_and_submitted_again()
    {
        var business = await app.ScalarAsync<int>(BusinessInPoliceArea);
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var id = (await JsonAsync(await police.PostAsJsonAsync("/api/inspections", Body(business, "2026-02-01")), HttpStatusCode.Created))
            .GetProperty("id").GetInt64();
        await JsonAsync(await police.PostAsJsonAsync($"/api/inspections/{id}/submit", new { }), HttpStatusCode.OK);

        var noReason = await JsonAsync(await leader.PostAsJsonAsync($"/api/inspections/{id}/return", new { reason = " " }), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var returned = await JsonAsync(await leader.PostAsJsonAsync($"/api/inspections/{id}/return",
            new { reason = "Thiếu biên bản <b>kiểm tra</b>" }), HttpStatusCode.OK);
        Assert.Equal("returned", returned.GetProperty("state").GetString());
        Assert.Equal("Thiếu biên bản <b>kiểm tra</b>", returned.GetProperty("returnedReason").GetString());

        var edited = await JsonAsync(await police.PutAsJsonAsync($"/api/inspections/{id}", Body(business, "2026-02-02", "Đã bổ sung biên bản", [])),
            HttpStatusCode.OK);
        Assert.Equal("returned", edited.GetProperty("state").GetString());
        Assert.Empty(edited.GetProperty("violations").EnumerateArray());
        var again = await JsonAsync(await police.PostAsJsonAsync($"/api/inspections/{id}/submit", new { }), HttpStatusCode.OK);
        Assert.Equal("submitted", again.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("returnedReason").ValueKind);
    }

    [Fact]
    public async Task Police_cannot_create_read_or_submit_inspections_outside_his_area()
    {
        var outside = await app.ScalarAsync<int>(BusinessOutsidePoliceArea);
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM business_inspection");
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsJsonAsync("/api/inspections", Body(outside))).StatusCode);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM business_inspection"));

        var theirs = (await JsonAsync(await admin.PostAsJsonAsync("/api/inspections", Body(outside)), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/api/inspections/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PutAsJsonAsync($"/api/inspections/{theirs}", Body(outside))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsJsonAsync($"/api/inspections/{theirs}/submit", new { })).StatusCode);
        var list = await JsonAsync(await police.GetAsync("/api/inspections"), HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), i => i.GetProperty("id").GetInt64() == theirs);
        Assert.Equal("draft", (await app.StringsAsync("SELECT state FROM business_inspection WHERE id = @id", ("id", theirs))).Single());
    }

    [Fact]
    public async Task Bad_fields_answer_400_naming_each_field_and_write_nothing()
    {
        var business = await app.ScalarAsync<int>(BusinessInPoliceArea);
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM business_inspection");
        var response = await police.PostAsJsonAsync("/api/inspections", new
        {
            businessId = business, inspectedOn = "2999-01-01", kind = "weekly", findings = "", violations = new[] { "jaywalking" }, inspectingUnit = "",
        });
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["findings", "inspectedOn", "inspectingUnit", "kind", "violations"], fields);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM business_inspection"));
    }
}
