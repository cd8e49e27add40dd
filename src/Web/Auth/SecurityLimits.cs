using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;

namespace DiaBan.Web.Auth;

/// <summary>
/// ASP.NET Core's rate limiter with two policies: sign-in attempts per client address (password spraying), and the
/// expensive computations (statistics, risk) per user, so one user cannot take the CPU from everyone. A refused request
/// gets 429 with Retry-After and problem details. Limits come from Security:RateLimits (defaults below).
/// </summary>
public static class SecurityLimits
{
    public const string SignInPolicy = "sign-in";
    public const string ExpensivePolicy = "expensive";

    public sealed class Options
    {
        /// <summary>Sign-in and refresh attempts per client address and minute.</summary>
        public int SignInPerAddressPerMinute { get; set; } = 30;

        /// <summary>Statistics or risk computations one user may run at once; more wait in a short queue.</summary>
        public int ExpensiveConcurrentPerUser { get; set; } = 2;
        public int ExpensiveQueuePerUser { get; set; } = 2;

        /// <summary>Statistics or risk requests per user and minute.</summary>
        public int ExpensivePerUserPerMinute { get; set; } = 120;
    }

    public static IServiceCollection AddDiaBanRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("Security:RateLimits").Get<Options>() ?? new Options();
        services.AddRateLimiter(options =>
        {
            options.OnRejected = (context, _) => Reject(context);
            options.AddPolicy(SignInPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(ExpensivePolicy, http => RateLimitPartition.Get(
                http.User.Identity?.Name ?? http.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => RateLimiter.CreateChained(
                    new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.ExpensivePerUserPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                    }),
                    new ConcurrencyLimiter(new ConcurrencyLimiterOptions
                    {
                        PermitLimit = limits.ExpensiveConcurrentPerUser, QueueLimit = limits.ExpensiveQueuePerUser,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }))));
        });
        return services;
    }

    /// <summary>429 with Retry-After (whole seconds, at least 1) and problem details.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext http, TimeSpan retryAfter, string detail)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Quá nhiều yêu cầu / Too many requests", detail: detail, statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static async ValueTask Reject(OnRejectedContext context)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var problem = TooManyRequests(context.HttpContext, retryAfter, "rate limit reached; retry after the time in Retry-After");
        await problem.ExecuteAsync(context.HttpContext);
    }
}
