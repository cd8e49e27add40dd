using System.Net;
using System.Net.Http.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Security;

/// <summary>The app with low limits, so the limiter's answer can be seen without thousands of requests.</summary>
public sealed class TightLimitsFixture : SecurityAppFixture
{
    public const int SignInPerMinute = 5;
    public const int ExpensivePerMinute = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Security:RateLimits:SignInPerAddressPerMinute"] = SignInPerMinute.ToString(),
        ["Security:RateLimits:ExpensivePerUserPerMinute"] = ExpensivePerMinute.ToString(),
    };
}

public sealed class RateLimitTests(TightLimitsFixture app) : IClassFixture<TightLimitsFixture>
{
    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_per_minute_with_429_and_retry_after()
    {
        using var client = app.ClientFrom("10.6.0.1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= TightLimitsFixture.SignInPerMinute; i++)
        {
            // a different account each time: spraying one password over many accounts
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email = $"user{i}@test.local", password = "Summer2026!" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.All(statuses.Take(TightLimitsFixture.SignInPerMinute), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        // another address is not affected
        using var other = app.ClientFrom("10.6.0.2");
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await other.PostAsJsonAsync("/api/auth/login", new { email = "user0@test.local", password = "Summer2026!" })).StatusCode);
    }

    [Fact]
    public async Task Expensive_statistics_are_limited_per_user_and_other_users_are_not_affected()
    {
        using var leader = app.ClientFrom("10.6.1.1");
        leader.DefaultRequestHeaders.Authorization = new("Bearer", await ApiLogin.TokenAsync(leader, "leader@diaban.local"));
        var last = HttpStatusCode.OK;
        for (var i = 0; i <= TightLimitsFixture.ExpensivePerMinute; i++)
        {
            // invalid parameters are cheap, but still count: the limiter runs before the handler
            var response = await leader.GetAsync("/api/hotspots?year=1");
            last = response.StatusCode;
            if (i < TightLimitsFixture.ExpensivePerMinute) Assert.Equal(HttpStatusCode.BadRequest, last);
            else Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);

        using var admin = app.ClientFrom("10.6.1.2");
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await ApiLogin.TokenAsync(admin, "admin@diaban.local"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/hotspots?year=1")).StatusCode);
    }
}
