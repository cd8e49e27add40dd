using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Auth;

namespace DiaBan.Web.Tests.Security;

/// <summary>A stranger can neither lock an account nor tell which accounts exist; guessing gets slower, not easier.</summary>
[Collection(SecurityCollection.Name)]
public sealed class SignInAbuseTests(SecurityAppFixture app)
{
    [Fact]
    public async Task Wrong_passwords_from_a_stranger_do_not_lock_the_account_for_its_owner()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Planner);
        using var stranger = app.ClientFrom("10.3.0.66");
        for (var i = 0; i < 8; i++)
        {
            var attempt = await stranger.PostAsJsonAsync("/api/auth/login", new { email, password = $"guess-{i}" });
            Assert.Contains(attempt.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
        }
        await app.WithUserAsync(email, async (users, user) =>
        {
            Assert.False(await users.IsLockedOutAsync(user));
            Assert.Equal(0, user.AccessFailedCount);
        });

        using var owner = app.ClientFrom("10.3.0.1");
        var response = await owner.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Repeated_failures_from_one_address_are_delayed_with_429_and_retry_after()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Planner);
        using var guesser = app.ClientFrom("10.3.0.77");
        for (var i = 0; i < SignInThrottle.FreeFailuresPerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.PostAsJsonAsync("/api/auth/login", new { email, password = $"guess-{i}" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.PostAsJsonAsync("/api/auth/login", new { email, password = "guess-x" })).StatusCode);
        // the next attempt comes before the delay is over: refused without checking the password, even the right one
        var response = await guesser.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE action = 'sign_in_limited' AND entity_key = @k", ("k", email)) >= 1);
    }

    [Fact]
    public async Task Unknown_and_known_accounts_get_the_same_answer_in_similar_time()
    {
        var known = await app.CreateUserAsync(DiaBanRoles.Planner);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.local";
        // warm up both paths (JIT, connection pool)
        await AttemptAsync(known, "10.3.1.250");
        await AttemptAsync(unknown, "10.3.1.251");

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            // a new address each time stays below the per-address delay; the per-account one allows 20 failures
            var (knownAnswer, knownMs) = await AttemptAsync(known, $"10.3.1.{i}");
            var (unknownAnswer, unknownMs) = await AttemptAsync(unknown, $"10.3.2.{i}");
            Assert.Equal(knownAnswer, unknownAnswer);
            knownTimes.Add(knownMs);
            unknownTimes.Add(unknownMs);
        }
        var ratio = Median(knownTimes) / Median(unknownTimes);
        // before: unknown accounts answered about 10x faster; now both run the password hasher
        Assert.InRange(ratio, 0.4, 2.5);
    }

    private async Task<(string Answer, double Ms)> AttemptAsync(string email, string ip)
    {
        using var client = app.ClientFrom(ip);
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password-1" });
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        using var json = JsonDocument.Parse(body);
        var answer = $"{(int)response.StatusCode}|{json.RootElement.GetProperty("title").GetString()}|{json.RootElement.GetProperty("detail").GetString()}";
        return (answer, watch.Elapsed.TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
