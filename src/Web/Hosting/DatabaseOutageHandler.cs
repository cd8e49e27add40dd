using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DiaBan.Web.Hosting;

/// <summary>
/// While the database is down (or restarting) a request answers 503 with Retry-After and a problem without exception
/// text, instead of a 500 that names Npgsql, hosts and ports. Only transient database faults: a constraint violation
/// or a bad query stays an error of ours.
/// </summary>
public sealed class DatabaseOutageHandler(ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutage(exception) || http.Response.HasStarted) return false;
        logger.LogWarning("database unavailable for {Method} {Path}: {Error}", http.Request.Method, http.Request.Path, exception.Message);
        // the read-side pool may hold connections the restart killed: drop them so the next request connects afresh
        http.RequestServices.GetService<NpgsqlDataSource>()?.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Cơ sở dữ liệu tạm thời không truy cập được / Database temporarily unavailable",
            Detail = $"Vui lòng thử lại sau {RetryAfterSeconds} giây / please retry in {RetryAfterSeconds} s",
        }, options: null, contentType: "application/problem+json", cancellationToken);
        return true;
    }

    /// <summary>A transient database fault anywhere in the chain (EF wraps Npgsql's in DbUpdateException, RetryLimitExceededException …).</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or TimeoutException or RetryLimitExceededException) return true;
        }
        return false;
    }
}
