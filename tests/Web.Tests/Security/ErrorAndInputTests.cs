using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Security;

/// <summary>Unexpected errors show no internals, and absurd parameters answer 400 at the edge instead of 500 or minutes of work.</summary>
[Collection(SecurityCollection.Name)]
public sealed class ErrorAndInputTests(SecurityAppFixture app)
{
    [Fact]
    public async Task Sign_in_with_an_overlong_email_answers_400_problem_details_not_500()
    {
        using var client = app.ClientFrom("10.1.0.1");
        var email = new string('a', 1000 - 16) + "@diaban.local.vn";
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_215_character_email_is_refused_401_and_its_audit_row_fits()
    {
        using var client = app.ClientFrom("10.1.0.2");
        var email = new string('b', 202) + "@diaban.local";
        Assert.Equal(215, email.Length);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE action = 'sign_in_failed' AND entity_key = left(@k, 200)", ("k", email)));
    }

    [Fact]
    public async Task An_unexpected_api_error_is_problem_details_without_exception_detail()
    {
        using var client = await LeaderAsync();
        var response = await client.GetAsync("/api/test/throw");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(SecurityWebFactory.SecretDetail, body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(".cs:line", body);
    }

    [Theory]
    [InlineData("/api/emerging?from=5000Q1&to=9998Q4")]
    [InlineData("/api/emerging?from=2000Q1&to=2010Q2")]
    [InlineData("/api/density?from=0001Q1&to=0002Q1")]
    [InlineData("/api/hotspots?year=0")]
    [InlineData("/api/clusters?year=99999")]
    [InlineData("/api/risk?quarter=0001Q1")]
    [InlineData("/api/patrol?quarter=9999Q4")]
    [InlineData("/api/patrol?exploration=NaN")]
    [InlineData("/api/patrol?exploration=Infinity")]
    [InlineData("/api/patrol/export.csv?exploration=NaN")]
    public async Task Absurd_parameters_answer_400_problem_details_at_once(string url)
    {
        using var client = await LeaderAsync();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_reason_with_a_nul_character_answers_400_and_records_nothing()
    {
        using var client = await LeaderAsync();
        var code = (await app.StringsAsync("SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL ORDER BY code LIMIT 1"))[0];
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry");
        var response = await client.PutAsJsonAsync($"/api/status/{code}/2025/official", new { status = "drug_free", reason = "QĐ 1\0/2026" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry"));
    }

    private async Task<HttpClient> LeaderAsync()
    {
        var client = app.ClientFrom("10.1.1.1");
        var token = await ApiLogin.TokenAsync(client, "leader@diaban.local");
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
