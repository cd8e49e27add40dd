using System.Security.Claims;

namespace DiaBan.Web.Auth;

/// <summary>How the audit names a web user: <c>web:{user name}</c> (the CLI writes <c>cli:…</c>).</summary>
public static class WebActor
{
    public static string Of(ClaimsPrincipal user) => $"web:{user.Identity?.Name ?? "unknown"}";
}
