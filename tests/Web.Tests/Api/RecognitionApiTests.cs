using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DiaBan.Analytics.Planning;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>/api/recognitions on the seeded demo: roles, area, evidence checks, hash, audit, concurrency, official status.</summary>
public sealed class RecognitionApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Police = "police@diaban.local", Planner = "planner@diaban.local", Leader = "leader@diaban.local";

    /// <summary>A minimal PDF: what matters is its first bytes.</summary>
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    private async Task<List<string>> PoliceCommunesAsync() => await app.StringsAsync(
        """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");

    private static MultipartFormDataContent Proposal(int? year, params (string Name, byte[] Bytes, string Type)[] files)
    {
        var form = new MultipartFormDataContent();
        if (year is { } y) form.Add(new StringContent(y.ToString()), "year");
        form.Add(new StringContent("Đề nghị công nhận"), "note");
        foreach (var (name, bytes, type) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(content, "files", name);
        }
        return form;
    }

    private static async Task<(JsonElement Body, string ETag)> GetAsync(HttpClient client, string code)
    {
        var response = await client.GetAsync($"/api/recognitions/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.Tag);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_proposal_with_evidence_goes_through_return_appraisal_and_decision_audited_with_the_hash_and_the_official_status()
    {
        var code = (await PoliceCommunesAsync())[0];
        using var police = await ApiLogin.ClientForAsync(app, Police);
        using var planner = await ApiLogin.ClientForAsync(app, Planner);
        using var leader = await ApiLogin.ClientForAsync(app, Leader);

        var proposed = await police.PostAsync($"/api/recognitions/{code}/propose", Proposal(2025, ("bien-ban.pdf", Pdf, "application/pdf")));
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        Assert.Equal(hash, await app.ScalarAsync<string>("SELECT sha256 FROM recognition_evidence e JOIN recognition_step s ON s.id = e.step_id JOIN recognition_case c ON c.id = s.case_id JOIN admin_unit u ON u.id = c.unit_id WHERE u.code = @c AND u.valid_to IS NULL", ("c", code)));
        var (body, etag) = await GetAsync(police, code);
        Assert.Equal("proposed", body.GetProperty("state").GetString());
        var step = body.GetProperty("steps")[0];
        Assert.Equal(2025, step.GetProperty("snapshot").GetProperty("year").GetInt32());
        var evidence = step.GetProperty("evidence")[0];
        Assert.Equal(hash, evidence.GetProperty("sha256").GetString());

        // the file comes back as an attachment of its proven type, never sniffed by the browser
        var file = await police.GetAsync($"/api/recognitions/evidence/{evidence.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());

        // a step without If-Match, or over an old version, writes nothing
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await PostAsync(planner, $"/api/recognitions/{code}/appraise", new { }, null)).StatusCode);
        var returned = await PostAsync(planner, $"/api/recognitions/{code}/return", new { reasons = new[] { "Thiếu biên bản họp dân" } }, etag);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PostAsync(planner, $"/api/recognitions/{code}/appraise", new { }, etag)).StatusCode);

        (_, etag) = await GetAsync(police, code);
        var again = new HttpRequestMessage(HttpMethod.Post, $"/api/recognitions/{code}/propose") { Content = Proposal(2025) };
        again.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.OK, (await police.SendAsync(again)).StatusCode);
        (_, etag) = await GetAsync(planner, code);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(planner, $"/api/recognitions/{code}/appraise", new { note = "Đạt" }, etag)).StatusCode);

        // planners never decide
        (_, etag) = await GetAsync(leader, code);
        var decision = new { outcome = "recognise", decisionNumber = "77/QĐ-UBND", decisionDate = DateTime.UtcNow.ToString("yyyy-MM-dd") };
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(planner, $"/api/recognitions/{code}/decide", decision, etag)).StatusCode);
        var decided = await PostAsync(leader, $"/api/recognitions/{code}/decide", decision, etag);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var final = await decided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("recognised", final.GetProperty("state").GetString());
        Assert.Equal(["propose", "return", "propose", "appraise", "recognise"],
            final.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()!));

        // the decision is the official status of that year, written like the map form's, and every step is audited
        Assert.Equal("drug_free", await app.ScalarAsync<string>(
            "SELECT a.official_status FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id WHERE u.code = @c AND u.valid_to IS NULL AND a.year = 2025", ("c", code)));
        var audited = await app.StringsAsync("SELECT action FROM audit_entry WHERE entity = 'recognition_case' AND entity_key = @c ORDER BY id", ("c", code));
        Assert.Equal(["recog_propose", "recog_return", "recog_propose", "recog_appraise", "recog_recognise"], audited);
        Assert.Contains(hash, await app.ScalarAsync<string>(
            "SELECT details::text FROM audit_entry WHERE entity = 'recognition_case' AND entity_key = @c AND action = 'recog_propose' ORDER BY id LIMIT 1", ("c", code)));
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE entity = 'status_assessment' AND actor = 'web:leader@diaban.local' AND details::text LIKE '%77/QĐ-UBND%'"));
    }

    [Fact]
    public async Task Evidence_that_is_not_a_pdf_or_image_or_is_too_large_is_a_clear_400_and_nothing_is_stored()
    {
        var code = (await PoliceCommunesAsync())[1];
        using var police = await ApiLogin.ClientForAsync(app, Police);
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM recognition_step");

        // a script renamed to .pdf and claimed as PDF: the bytes decide
        var fake = await police.PostAsync($"/api/recognitions/{code}/propose",
            Proposal(2025, ("ho-so.pdf", "<script>alert(1)</script>"u8.ToArray(), "application/pdf")));
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        var problem = await fake.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("PDF", problem.GetProperty("errors").GetProperty("evidence")[0].GetString());

        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);
        var tooLarge = await police.PostAsync($"/api/recognitions/{code}/propose", Proposal(2025, ("lon.pdf", big, "application/pdf")));
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("10485760", await tooLarge.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, (await police.PostAsync($"/api/recognitions/{code}/propose", JsonContent.Create(new { year = 2025 }))).StatusCode);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM recognition_step"));

        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };
        var ok = await police.PostAsync($"/api/recognitions/{code}/propose", Proposal(2025, ("anh.jpg", png, "image/jpeg")));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("image/png", (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("steps")[0].GetProperty("evidence")[0].GetProperty("mediaType").GetString());
    }

    [Fact]
    public async Task Police_cannot_propose_or_read_outside_his_area_and_cannot_appraise_or_decide()
    {
        var mine = await PoliceCommunesAsync();
        using var police = await ApiLogin.ClientForAsync(app, Police);
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        // a seeded case outside his communes
        var seeded = (await leader.GetFromJsonAsync<List<JsonElement>>("/api/recognitions"))!;
        Assert.True(seeded.Count >= 4, "the demo seeds cases at different steps");
        Assert.Contains(seeded, c => c.GetProperty("state").GetString() == "returned");
        Assert.Contains(seeded, c => c.GetProperty("state").GetString() == "appraised");
        Assert.Contains(seeded, c => c.GetProperty("state").GetString() is "recognised" or "revoked"); // another test of this class revokes it
        var other = seeded.Select(c => c.GetProperty("code").GetString()!).First(c => !mine.Contains(c));

        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/api/recognitions/{other}")).StatusCode);
        Assert.DoesNotContain((await police.GetFromJsonAsync<List<JsonElement>>("/api/recognitions"))!, c => !mine.Contains(c.GetProperty("code").GetString()!));
        var (_, etag) = await GetAsync(leader, other);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/recognitions/{other}/propose") { Content = Proposal(2025) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.NotFound, (await police.SendAsync(request)).StatusCode);
        var evidenceId = await app.ScalarAsync<long>("""
            SELECT coalesce(max(e.id), 0) FROM recognition_evidence e JOIN recognition_step s ON s.id = e.step_id
            JOIN recognition_case c ON c.id = s.case_id JOIN admin_unit u ON u.id = c.unit_id WHERE NOT (u.code = ANY(@m))
            """, ("m", mine.ToArray()));
        if (evidenceId > 0) Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/api/recognitions/evidence/{evidenceId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(police, $"/api/recognitions/{mine[0]}/appraise", new { }, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(police, $"/api/recognitions/{mine[0]}/decide",
            new { outcome = "recognise", decisionNumber = "1/QĐ", decisionDate = "2026-01-01" }, etag)).StatusCode);
        using var planner = await ApiLogin.ClientForAsync(app, Planner);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsync($"/api/recognitions/{mine[0]}/propose", Proposal(2025))).StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE entity = 'recognition_case' AND entity_key = @o AND actor = 'web:police@diaban.local'", ("o", other)));
    }

    [Fact]
    public void The_policies_admit_exactly_the_roles_of_the_state_machine()
    {
        (string Policy, RecognitionAction Action)[] pairs =
        [
            (DiaBanPolicies.CanProposeRecognition, RecognitionAction.Propose), (DiaBanPolicies.CanAppraiseRecognition, RecognitionAction.Appraise),
            (DiaBanPolicies.CanAppraiseRecognition, RecognitionAction.Return), (DiaBanPolicies.CanAppraiseRecognition, RecognitionAction.Recheck),
            (DiaBanPolicies.CanDecideRecognition, RecognitionAction.Recognise), (DiaBanPolicies.CanDecideRecognition, RecognitionAction.Refuse),
            (DiaBanPolicies.CanDecideRecognition, RecognitionAction.Revoke),
        ];
        foreach (var (policy, action) in pairs)
            Assert.Equal(RecognitionWorkflow.Rule(action).Roles.Select(r => r.Code()).Order(), DiaBanPolicies.RolesOf(policy).Order());
    }

    [Fact]
    public async Task An_administrator_without_an_area_sees_every_case()
    {
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var all = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/recognitions"))!;
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM recognition_case"), all.Count);
        var (body, _) = await GetAsync(admin, all[0].GetProperty("code").GetString()!);
        Assert.NotEmpty(body.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task The_pending_count_and_the_period_query_read_the_seeded_cases_and_an_illegal_step_names_the_state()
    {
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        var pending = await leader.GetFromJsonAsync<JsonElement>("/api/recognitions/pending");
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM recognition_case WHERE state = 'proposed'"), pending.GetProperty("awaitingAppraisal").GetInt32());
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM recognition_case WHERE state = 'appraised'"), pending.GetProperty("awaitingDecision").GetInt32());

        var recognised = (await leader.GetFromJsonAsync<List<JsonElement>>("/api/recognitions?state=recognised"))!;
        var code = recognised[0].GetProperty("code").GetString()!;
        var (_, etag) = await GetAsync(leader, code);
        var illegal = await PostAsync(leader, $"/api/recognitions/{code}/appraise", new { }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, illegal.StatusCode);
        Assert.Contains("Đã công nhận", (await illegal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("state")[0].GetString());
        // revoking withdraws the official drug-free status the decision wrote
        var revoked = await PostAsync(leader, $"/api/recognitions/{code}/revoke",
            new { decisionNumber = "5/QĐ-UBND", decisionDate = DateTime.UtcNow.ToString("yyyy-MM-dd"), reasons = new[] { "Phát hiện điểm chứa chấp" } }, etag);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id
            WHERE u.code = @c AND u.valid_to IS NULL AND a.official_status IS NOT NULL
            """, ("c", code)));
    }
}
