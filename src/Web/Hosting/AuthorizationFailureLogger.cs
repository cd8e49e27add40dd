using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DiaBan.Web.Hosting;

/// <summary>Logs every refused request (who, which path, which requirement failed), then answers as the default handler does.</summary>
public sealed partial class AuthorizationFailureLogger(ILogger<AuthorizationFailureLogger> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.Select(r => r.ToString()) ?? [];
            LogForbidden(context.User.Identity?.Name ?? "?", context.Request.Method, context.Request.Path, string.Join("; ", failed));
        }
        else if (authorizeResult.Challenged && context.Request.Path.StartsWithSegments("/api"))
        {
            // pages challenge anonymous visitors all the time (redirect to /login); only API calls are worth a line
            LogChallenged(context.Request.Method, context.Request.Path);
        }
        return inner.HandleAsync(next, context, policy, authorizeResult);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "auth: {User} refused {Method} {Path}: {Requirements}")]
    private partial void LogForbidden(string user, string method, string path, string requirements);

    [LoggerMessage(Level = LogLevel.Information, Message = "auth: anonymous {Method} {Path} challenged")]
    private partial void LogChallenged(string method, string path);
}
